"""Bounded templates: a user's template (-t DIR) cannot run for ever or fill the memory.

Jinja's sandbox stops templates from reaching Python, not from looping 10^10 times
or printing `"x" * 10**9`. Here rendering is streamed and counted (output size),
a timer stops it after a time limit, and the sandbox refuses multiplications and
calls that would build a string past the size limit before they run. The limits
are far above what a 1,000-task plan needs and can be raised with
PLANGEN_TEMPLATE_SECONDS and PLANGEN_TEMPLATE_MB.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from plangen.messages import _

DEFAULT_SECONDS = 30.0
DEFAULT_MB = 50
MAX_POWER = 10_000
_WIDENING = {
    "ljust",
    "rjust",
    "center",
    "zfill",
    "expandtabs",
}  # 2 ** 10_000 is plenty; 10 ** 10 ** 10 is not a number to print


class TemplateLimit(Exception):
    """A template went past a limit; the message says which and how to raise it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint
        self.where: tuple[str, int] | None = None  # template file and line, when known


def seconds_limit() -> float:
    """The time limit for one rendering, from PLANGEN_TEMPLATE_SECONDS (default 30)."""
    return _number("PLANGEN_TEMPLATE_SECONDS", DEFAULT_SECONDS)


def size_limit() -> int:
    """The output limit in characters, from PLANGEN_TEMPLATE_MB (default 50)."""
    return int(_number("PLANGEN_TEMPLATE_MB", DEFAULT_MB) * 2**20)


def _number(var: str, default: float) -> float:
    try:
        value = float(os.environ.get(var, default))
    except ValueError:
        return default
    return value if value > 0 else default


def too_large() -> TemplateLimit:
    limit = size_limit() // 2**20
    return TemplateLimit(
        _("the template's output is over {limit} MB; rendering stopped", limit=limit),
        _(
            "look for text repeated or multiplied in the template; if it is right, "
            "raise the limit with PLANGEN_TEMPLATE_MB"
        ),
    )


def too_slow() -> TemplateLimit:
    return TemplateLimit(
        _(
            "the template ran for more than {seconds:g} s; rendering stopped",
            seconds=seconds_limit(),
        ),
        _(
            "look for loops inside loops; if the template is right, raise the limit "
            "with PLANGEN_TEMPLATE_SECONDS"
        ),
    )


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, refusing `*`, `**` and calls that would build oversized values."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any):
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > size_limit()
                ):
                    raise too_large()
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_POWER:
            raise too_large()
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str) and getattr(__obj, "__name__", "") in _WIDENING:
            numbers = [*args, *kwargs.values()]
            if any(isinstance(n, int) and n > size_limit() for n in numbers):
                raise too_large()  # "x".ljust(10**9)
        return super().call(__context, __obj, *args, **kwargs)


def render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """template.render(context), stopped with TemplateLimit past the time or size limit."""
    limit, seconds = size_limit(), seconds_limit()
    deadline = time.monotonic() + seconds
    out = io.StringIO()  # one buffer, not millions of small strings
    size = 0
    chunks = template.generate(**context)
    with _timer(seconds), contextlib.closing(chunks):
        for chunk in chunks:
            size += len(chunk)
            stop = too_large() if size > limit else None
            if stop is None and time.monotonic() > deadline:
                stop = too_slow()
            if stop is not None:
                stop.where = _producing(chunks)
                chunks.throw(stop)  # raised where the template is, so its file and line show
            out.write(chunk)
    return out.getvalue()


def _producing(chunks: Iterator[str]) -> tuple[str, int] | None:
    """File and line of the innermost template printing now.

    An include runs as `for event in gen: yield event`, so a limit thrown into the
    rendering stops in the including template; the user's included file is found
    by following the suspended generators down.
    """
    gen: Any = chunks
    while True:
        frame = getattr(gen, "gi_frame", None)
        inner = getattr(gen, "gi_yieldfrom", None) or (frame.f_locals.get("gen") if frame else None)
        if not inspect.isgenerator(inner) or inner.gi_frame is None:
            break
        gen = inner
    frame = gen.gi_frame
    template = frame.f_globals.get("__jinja_template__") if frame is not None else None
    if template is None:
        return None
    return frame.f_code.co_filename, template.get_corresponding_lineno(frame.f_lineno)


@contextlib.contextmanager
def _timer(seconds: float) -> Iterator[None]:
    """SIGALRM after seconds, for loops that print nothing; a no-op off the main thread."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise too_slow()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
