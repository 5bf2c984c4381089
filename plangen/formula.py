"""Arithmetic formulas over named data, evaluated without eval()."""

from __future__ import annotations

import ast
import operator

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class FormulaError(ValueError):
    """The formula is not plain arithmetic over names and numbers."""


def parse(formula: str) -> ast.expr:
    """Parse and check that only + - * / ( ), numbers and names appear."""
    try:
        tree = ast.parse(formula.strip(), mode="eval").body
    except SyntaxError:
        raise FormulaError("not a valid formula") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            continue
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            continue
        if isinstance(node, ast.Name | ast.operator | ast.unaryop | ast.Load):
            continue
        raise FormulaError("only numbers, data names, + - * / and parentheses are allowed")
    return tree


def names(formula: str) -> list[str]:
    """Data names a formula needs, in order of appearance."""
    found = sorted(
        (n.col_offset, n.id) for n in ast.walk(parse(formula)) if isinstance(n, ast.Name)
    )
    return list(dict.fromkeys(name for _, name in found))


def evaluate(formula: str, data: dict[str, float]) -> float | None:
    """Value of the formula, or None when a name has no value or a divisor is zero."""

    def walk(node: ast.expr) -> float | None:
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            value = data.get(node.id)
            return None if value is None else float(value)
        if isinstance(node, ast.UnaryOp):
            inner = walk(node.operand)
            return None if inner is None else -inner
        assert isinstance(node, ast.BinOp)
        left, right = walk(node.left), walk(node.right)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Div) and right == 0:
            return None
        return _OPS[type(node.op)](left, right)

    return walk(parse(formula))


def divisors(formula: str) -> list[str]:
    """Data names that appear below a division line: a zero there has no value."""
    found: list[str] = []
    for node in ast.walk(parse(formula)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            found += [n.id for n in ast.walk(node.right) if isinstance(n, ast.Name)]
    return list(dict.fromkeys(found))
