"""The `plangen` console script: Ctrl-C and SIGTERM are answered from the first instant.

Importing the commands takes half a second, several on a busy machine. A signal in
that time used to end Python with a traceback and a bare SIGINT status (-2)
instead of plangen's message and exit 130 (143 for SIGTERM); here the handlers
come before any import of plangen's commands. When the command is done, the
process ends without the interpreter's teardown (see `leave`).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import sys
from typing import NoReturn

EXIT_INTERRUPTED = 130
_seen: list[int] = []


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM unwinds like Ctrl-C, so every `finally` (temporaries) still runs."""
    _seen.append(signum)
    raise KeyboardInterrupt


def main() -> None:
    """Install the signal handlers, then import and run the commands."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    if sys.argv[1:] == ["--version"]:  # answered before click and the commands are imported
        from plangen import __version__

        print(f"plangen, version {__version__}")
        return
    try:
        from plangen.cli import main as run
    except KeyboardInterrupt:
        interrupted_at_start()
    try:
        run()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: object) -> NoReturn:
    """Exit as sys.exit(code) would, minus the teardown of every module and object.

    Freeing pydantic's models, the templates and Typst's caches one by one took 0.03 s
    of a 0.4 s Typst build (README, Benchmarks). Outputs are already renamed into place;
    exit handlers (temporary files, worker pools) still run, and stdio is flushed.
    """
    if code is None or isinstance(code, int):
        status = code or 0
    else:  # sys.exit("message"): printed, status 1
        sys.stderr.write(f"{code}\n")
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (plangen … | head)
            stream.flush()
    os._exit(status)


def interrupted_at_start() -> None:
    """Nothing has been read or written yet: say so, exit 130 (or 128 + the signal)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut the message
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from plangen.messages import _

    sys.stderr.write(_("interrupted; no output was changed") + "\n")
    sys.stderr.flush()
    sys.exit(128 + _seen[-1] if _seen else EXIT_INTERRUPTED)
