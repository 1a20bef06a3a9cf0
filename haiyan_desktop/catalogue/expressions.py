"""Safe arithmetic expressions over indicator codes (formulas and cross-field rules).

Expressions are parsed once with :mod:`ast` and only a small whitelist of node kinds is
accepted; evaluation walks a closure tree built from that whitelist. Nothing is ever passed
to ``eval``. A missing input makes the result ``None``; division by zero raises
:class:`ZeroDivision` so the validator can say so.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Value = float | None
Evaluator = Callable[[Mapping[str, Value]], Value]

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": lambda x, n=0: round(x, int(n)),
}
MAX_LENGTH = 500


class ExpressionError(ValueError):
    """The text is not an allowed expression; ``detail`` says why (English, technical)."""


class ZeroDivision(ArithmeticError):
    """The expression divided by zero."""


@dataclass(frozen=True)
class Expression:
    text: str
    names: tuple[str, ...]  # indicator codes named, in order of first appearance
    evaluate: Evaluator = field(compare=False, repr=False)


def parse(text: str) -> Expression:
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("empty expression")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(exc.msg) from None
    names: list[str] = []
    evaluate = _compile(tree.body, names)
    return Expression(text.strip(), tuple(dict.fromkeys(names)), evaluate)


def _compile(node: ast.AST, names: list[str]) -> Evaluator:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        number = float(node.value)
        return lambda values: number
    if isinstance(node, ast.Name):
        code = node.id
        names.append(code)
        return lambda values: values.get(code)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _compile(node.operand, names)
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0

        def unary(values: Mapping[str, Value]) -> Value:
            v = inner(values)
            return None if v is None else sign * v

        return unary
    if isinstance(node, ast.BinOp) and (type(node.op) in _BINARY or isinstance(node.op, ast.Div)):
        left, right = _compile(node.left, names), _compile(node.right, names)
        if isinstance(node.op, ast.Div):

            def divide(values: Mapping[str, Value]) -> Value:
                a, b = left(values), right(values)
                if a is None or b is None:
                    return None
                if b == 0:
                    raise ZeroDivision
                return a / b

            return divide
        op = _BINARY[type(node.op)]

        def binary(values: Mapping[str, Value]) -> Value:
            a, b = left(values), right(values)
            return None if a is None or b is None else op(a, b)

        return binary
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
        and not node.keywords
        and node.args
    ):
        function = _FUNCTIONS[node.func.id]
        args = [_compile(a, names) for a in node.args]

        def call(values: Mapping[str, Value]) -> Value:
            evaluated = [a(values) for a in args]
            if any(v is None for v in evaluated):
                return None
            return float(function(*evaluated))

        return call
    raise ExpressionError(f"“{ast.unparse(node)}” is not allowed (numbers, codes, + - * /, "
                          "parentheses, min, max, abs, round)")
