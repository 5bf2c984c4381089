"""Problems found in user input, reported as file:line:column with a fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One user mistake, located in a file, with a hint on how to fix it."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        from plangen.messages import _

        text = f"{self.file}:{self.line}:{self.column}: {self.message}"
        if self.hint:
            text += "\n    " + _("fix: {hint}", hint=self.hint)
        return text


class PlanError(Exception):
    """Raised with every problem found, so the user can fix them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        return (PlanError, (self.problems,))  # crosses process boundaries in batch builds

    @classmethod
    def single(
        cls, file: str | Path, message: str, hint: str = "", line: int = 1, column: int = 1
    ) -> PlanError:
        return cls([Problem(str(file), line, column, message, hint)])


# sysexits.h: the output could not be created, or writing it failed half way.
EX_CANTCREAT = 73
EX_IOERR = 74


class OutputError(Exception):
    """An output file could not be written: the user's disk or folder, not their input."""

    def __init__(self, path: str | Path, reason: str, hint: str = "", code: int = EX_CANTCREAT):
        self.path, self.reason, self.hint, self.code = str(path), reason, hint, code
        super().__init__(f"{path}: {reason}")

    def __reduce__(self):
        return (OutputError, (self.path, self.reason, self.hint, self.code))

    def __str__(self) -> str:
        from plangen.messages import _

        text = _("cannot write {path}: {reason}", path=self.path, reason=self.reason)
        if self.hint:
            text += "\n    " + _("fix: {hint}", hint=self.hint)
        return text
