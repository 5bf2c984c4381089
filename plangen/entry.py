"""The `plangen` console script: Ctrl-C and SIGTERM are answered from the first instant.

Importing the commands takes half a second, several on a busy machine. A signal in
that time used to end Python with a traceback and a bare SIGINT status (-2)
instead of plangen's message and exit 130 (143 for SIGTERM); here the handlers
come before any import of plangen's commands.
"""

from __future__ import annotations

import signal
import sys

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
    run()


def interrupted_at_start() -> None:
    """Nothing has been read or written yet: say so, exit 130 (or 128 + the signal)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C cannot cut the message
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from plangen.messages import _

    sys.stderr.write(_("interrupted; no output was changed") + "\n")
    sys.stderr.flush()
    sys.exit(128 + _seen[-1] if _seen else EXIT_INTERRUPTED)
