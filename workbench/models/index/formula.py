"""The formulas of a growth index framework: plan indicator codes, numbers, ``+ - * /`` and brackets.

A formula is checked with :mod:`ast` before it is ever evaluated, and evaluated by walking
that tree, never by ``eval``: a framework file is data, and data runs no code.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass, field

import numpy as np

from workbench.models.errors import WorkbenchError


class FormulaError(WorkbenchError, ValueError):
    """A formula that is not allowed; the message says where and why."""


_OPERATORS = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide}


@dataclass(frozen=True)
class Formula:
    """``new_sme_8ind / new_sme * 100``: plan indicator codes, numbers, ``+ - * /`` and brackets.

    Attributes
    ----------
    text : str
        As written.
    names : tuple of str
        The plan indicator codes it uses, in order of first use.
    ratio : bool
        True when something is divided by an indicator (a share, not an amount).
    """

    text: str
    names: tuple[str, ...]
    ratio: bool
    tree: ast.Expression = field(repr=False, compare=False)

    def evaluate(self, values: dict) -> object:
        """The formula on ``values`` (code → number or array); division by zero gives NaN."""
        with np.errstate(divide="ignore", invalid="ignore"):
            result = _evaluate(self.tree.body, values)
        if isinstance(result, np.ndarray):
            return np.where(np.isfinite(result), result, np.nan)
        return result if math.isfinite(result) else math.nan


def _evaluate(node: ast.AST, values: dict):
    if isinstance(node, ast.BinOp):
        return _OPERATORS[type(node.op)](_evaluate(node.left, values), _evaluate(node.right, values))
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, values)
    if isinstance(node, ast.Name):
        value = values[node.id]
        return np.asarray(value, dtype=float) if not np.isscalar(value) else float(value)
    return float(node.value)


def parse_formula(text: str, where: str = "公式") -> Formula:
    """Check and parse a formula; :class:`FormulaError` says what is not allowed."""
    try:
        tree = ast.parse(str(text).strip(), mode="eval")
    except SyntaxError:
        raise FormulaError(f"{where}：公式“{text}”无法解析（只能用指标代码、数字、+ - * / 和括号）") from None
    names: list[str] = []
    ratio = False
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _OPERATORS:
                raise FormulaError(f"{where}：公式“{text}”只能用 + - * / 四种运算")
            if isinstance(node.op, ast.Div) and any(isinstance(n, ast.Name) for n in ast.walk(node.right)):
                ratio = True
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub):
                raise FormulaError(f"{where}：公式“{text}”含不允许的运算")
        elif isinstance(node, ast.Name):
            if node.id not in names:
                names.append(node.id)
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise FormulaError(f"{where}：公式“{text}”中只能出现数字常量")
        elif not isinstance(node, (ast.Expression, ast.Load, ast.operator, ast.unaryop)):
            raise FormulaError(f"{where}：公式“{text}”含不允许的写法（只能用指标代码、数字、+ - * / 和括号）")
    if not names:
        raise FormulaError(f"{where}：公式“{text}”没有用到任何指标")
    return Formula(str(text).strip(), tuple(names), ratio, tree)
