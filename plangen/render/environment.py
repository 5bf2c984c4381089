"""The Jinja environment: shipped templates, user overrides, sandbox, strict undefined."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
from babel.dates import format_date
from jinja2.sandbox import SandboxedEnvironment

from plangen.compute.numbering import cn_numeral
from plangen.errors import PlanError, Problem
from plangen.messages import _


def shipped_templates() -> Path:
    """The templates folder: inside an installed wheel, or the repository's own."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_templates", here.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise RuntimeError("plangen's templates folder is missing from the installation")


def search_path(user_dir: Path | None) -> list[Path]:
    """User templates first, so a file there overrides the shipped one of the same name."""
    return [p for p in (user_dir, shipped_templates()) if p is not None]


def make_environment(user_dir: Path | None = None) -> jinja2.Environment:
    """A sandboxed environment where a missing value is an error, not an empty cell."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path(user_dir)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["cn"] = cn_numeral
    env.filters["date_cn"] = date_cn
    return env


def date_cn(value: dt.date) -> str:
    """2022年6月13日: the date form of official documents, no leading zeros."""
    return format_date(value, format="long", locale="zh_CN")


def render(env: jinja2.Environment, name: str, **context: object) -> str:
    """Render a template; template mistakes become PlanErrors naming file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise PlanError([Problem(exc.filename or exc.name or name, exc.lineno or 1, 1,
                                 _("template syntax error: {what}", what=exc.message),
                                 _("fix the template, or remove it to use the shipped one"))]
                        ) from None
    except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError,
            AttributeError, ValueError) as exc:
        file, line = _template_frame(exc)
        raise PlanError([Problem(file or name, line, 1, _("template error: {what}", what=exc),
                                 _("check the names the template uses against "
                                   "docs/templates.md"))]) from None


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
