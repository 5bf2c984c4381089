"""The Jinja environment: shipped templates, user overrides, sandbox, strict undefined."""

from __future__ import annotations

import contextlib
import datetime as dt
import pickle
from collections.abc import Callable
from functools import partial
from hashlib import sha1
from pathlib import Path
from types import CodeType

import jinja2
from markupsafe import Markup

from plangen.compute.numbering import cn_numeral
from plangen.compute.signing import signing_indents
from plangen.errors import PlanError, Problem
from plangen.lookup import search_path
from plangen.messages import _
from plangen.render.limits import BoundedEnvironment, TemplateLimit, render_bounded
from plangen.render.titles import balanced
from plangen.script import has_simplified, html_lang, is_traditional_locale, to_locale


class CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled once: kept in memory for the process, and on disk between runs.

    Every build makes a new environment (its own template folder, its own script), and
    compiling the templates took about half of a plan's rendering (0.08 s of a cold
    build): batch workers and `plangen serve` compile each template once, and a new
    process loads the code Jinja stored in its per-user cache folder (owner-only, in
    the temporary folder) as Python loads .pyc files. The key holds the file, the
    environment's code-generation options and the source's checksum, so an edited
    template is compiled again; an unusable folder or file just means compiling.
    """

    def __init__(self, directory: str | None = None) -> None:
        self.code: dict[tuple[str, str], CodeType] = {}
        self.pattern = "plangen-%s.cache"
        self.wanted = directory
        self.folder: str | None | bool = None  # None: not looked for yet; False: none

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        shape = f"{self.get_cache_key(name, filename)}|{_shape(environment)!r}"
        bucket = jinja2.bccache.Bucket(
            environment, sha1(shape.encode()).hexdigest(), self.get_source_checksum(source)
        )
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get((bucket.key, bucket.checksum))
        if code is None and self._on_disk():
            try:  # Jinja checks its version, Python's and the source checksum
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
                bucket.reset()
            code = bucket.code
            if code is not None:
                self.code[(bucket.key, bucket.checksum)] = code
        bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is None:
            return
        self.code[(bucket.key, bucket.checksum)] = bucket.code
        if self._on_disk():
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    def _on_disk(self) -> bool:
        if self.folder is None:
            try:
                self.folder = self.wanted or self._get_default_cache_dir()
            except (OSError, RuntimeError, AttributeError):  # no safe folder: memory only
                self.folder = False
            self.directory = self.folder or ""
        return bool(self.folder)


def _shape(env: jinja2.Environment) -> tuple[object, ...]:
    """The options the compiled code depends on (a finalize function, as localize adds,
    changes the code)."""
    options = (env.autoescape, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline)
    finalize = getattr(env.finalize, "jinja_pass_arg", None) if env.finalize else False
    return (type(env).__module__, type(env).__qualname__, options, finalize)


COMPILED = CompiledTemplates()


def make_environment(user_dir: Path | None = None) -> jinja2.Environment:
    """A sandboxed environment where a missing value is an error, not an empty cell."""
    env = BoundedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(user_dir)]),
        bytecode_cache=COMPILED,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["cn"] = cn_numeral
    env.filters["date_cn"] = date_cn
    env.filters["balanced"] = balanced
    env.filters["signing"] = signing_indents
    env.globals["lang"] = html_lang("zh_CN")
    return env


def date_cn(value: dt.date) -> str:
    """2022年6月13日: GB/T 9704-2012 7.3.5.4, Arabic digits, no leading zeros.

    CLDR's long form for zh_Hans_CN, zh_Hant_TW and zh_Hant_HK is the same (a test compares
    with Babel); formatting it here spares each build Babel's locale data (0.02 s).
    """
    return f"{value.year}年{value.month}月{value.day}日"


class ConvertingLoader(jinja2.FileSystemLoader):
    """Templates whose own words are converted to the document's script as they load."""

    def __init__(self, searchpath: list[str], convert: Callable[[str], str]):
        super().__init__(searchpath)
        self.convert = convert

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        text, filename, uptodate = super().get_source(environment, template)
        return self.convert(text), filename, uptodate


def localize(env: jinja2.Environment, locale: str, source_traditional: bool) -> jinja2.Environment:
    """An environment writing a zh_TW/zh_HK document; zh_CN returns env unchanged.

    Template words are converted as templates load. Values from the data are
    converted as they are printed, except text the author already wrote in
    traditional characters: then only simplified words (约束性, statuses) are.
    """
    if not is_traditional_locale(locale):
        return env
    convert = partial(to_locale, locale=locale)
    folders = list(env.loader.searchpath)  # type: ignore[union-attr]
    out = env.overlay(
        loader=ConvertingLoader(folders, convert),
        cache_size=100,
        finalize=_finalizer(convert, only_simplified=source_traditional),
    )
    out.globals = {**env.globals, "lang": html_lang(locale)}
    return out


def _finalizer(convert: Callable[[str], str], only_simplified: bool) -> Callable[[object], object]:
    def finalize(value: object) -> object:
        if not isinstance(value, str) or (only_simplified and not has_simplified(value)):
            return value
        converted = convert(value)
        return Markup(converted) if isinstance(value, Markup) else converted

    return finalize


def render(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render a template; template mistakes become PlanErrors naming file and line."""
    try:
        return render_bounded(env.get_template(name), context)
    except jinja2.TemplateNotFound as exc:
        raise _problem(
            exc,
            name,
            _("template {missing} not found", missing=repr(exc.name)),
            _("check the name in include/import/extends, or add that file to your template folder"),
        ) from None
    except RecursionError as exc:
        raise _problem(
            exc,
            name,
            _("the template calls itself without end (recursion)"),
            _("make sure the macro or include that calls itself stops"),
        ) from None
    except TemplateLimit as exc:
        raise _problem(exc, name, str(exc), exc.hint) from None
    except jinja2.TemplateSyntaxError as exc:
        raise PlanError(
            [
                Problem(
                    exc.filename or exc.name or name,
                    exc.lineno or 1,
                    1,
                    _("template syntax error: {what}", what=exc.message),
                    _("fix the template, or remove it to use the shipped one"),
                )
            ]
        ) from None
    except (
        jinja2.UndefinedError,
        jinja2.exceptions.SecurityError,
        jinja2.TemplateError,
        TypeError,
        AttributeError,
        ValueError,
        ArithmeticError,
        LookupError,
    ) as exc:
        file, line = _template_frame(exc)
        raise PlanError(
            [
                Problem(
                    file or name,
                    line,
                    1,
                    _("template error: {what}", what=exc),
                    _("check the names the template uses against docs/templates.md"),
                )
            ]
        ) from None


def _problem(exc: BaseException, name: str, message: str, hint: str) -> PlanError:
    file, line = getattr(exc, "where", None) or _template_frame(exc)
    return PlanError([Problem(file or name, line, 1, message, hint)])


def _template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template file and line; Jinja has already rewritten these frames."""
    found: tuple[str | None, int] = (None, 1)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
