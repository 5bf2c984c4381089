"""`plangen lint`: drift between a plan's text and its own tables, departments and units.

Each rule returns Findings (file:line:col, [rule-code], message, fix hint);
the vocabulary the rules match with lives in words.yaml next to this file.
"""

from __future__ import annotations

from plangen.compute.lint.finding import Finding
from plangen.compute.lint.rules import CODES, RULES, Context
from plangen.compute.lint.words import words
from plangen.load.plan import LoadedPlan

__all__ = ["CODES", "Finding", "lint_plan"]


def lint_plan(lp: LoadedPlan) -> list[Finding]:
    """Every finding of every rule, in file order."""
    ctx = Context(lp, words())
    found = [finding for rule in RULES for finding in rule(ctx)]
    return sorted(set(found), key=lambda f: (f.line, f.column, f.code, f.message))
