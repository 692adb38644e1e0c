"""APL data-binding expressions (`${...}`): the small part of the language screen documents use."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from echo_sim.errors import DeviceError

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>\d+(?:\.\d+)?)
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<resource>@[A-Za-z_]\w*)
      | (?P<name>[A-Za-z_]\w*)
      | (?P<op>==|!=|<=|>=|&&|\|\||[?:.\[\]()!<>+\-*/%])
    )""",
    re.VERBOSE,
)
_EMBEDDED = re.compile(r"\$\{([^}]*)\}")
_LITERALS = {"true": True, "false": False, "null": None}


class ExpressionError(DeviceError, ValueError):
    """An expression this preview cannot evaluate; the preview shows it as written."""


Resources = Mapping[str, Any]


def truthy(value: Any) -> bool:
    """APL's truth: null, false, 0 and the empty string are false."""
    return value not in (None, False, 0, "")


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def bind(value: Any, scope: Mapping[str, Any], resources: Resources) -> Any:
    """A property value with its `${...}` expressions and `@resource` references evaluated.

    A value that is one whole expression keeps its type ("${payload.items}" is the list);
    expressions inside text become text ("${title} · ${progress}").
    """
    if isinstance(value, list):
        return [bind(item, scope, resources) for item in value]
    if isinstance(value, Mapping):
        return {key: bind(item, scope, resources) for key, item in value.items()}
    if not isinstance(value, str):
        return value
    if value.startswith("@") and "${" not in value:
        return resources.get(value[1:], value)
    if "${" not in value:
        return value
    whole = _EMBEDDED.fullmatch(value.strip())
    if whole:
        return evaluate(whole[1], scope, resources)
    return _EMBEDDED.sub(lambda m: as_text(evaluate(m[1], scope, resources)), value)


def evaluate(expression: str, scope: Mapping[str, Any], resources: Resources) -> Any:
    """One expression (the text between `${` and `}`)."""
    return _Parser(_tokens(expression), scope, resources).parse()


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = expression.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ExpressionError(f"cannot read {text[position:]!r}")
        kind = match.lastgroup or "op"
        tokens.append((kind, match[kind]))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent, lowest precedence first: ?:, ||, &&, == !=, < >, + -, * / %, unary."""

    def __init__(
        self, tokens: list[tuple[str, str]], scope: Mapping[str, Any], resources: Resources
    ) -> None:
        self._tokens = tokens
        self._at = 0
        self._scope = scope
        self._resources = resources

    def parse(self) -> Any:
        if not self._tokens:
            return ""
        value = self._ternary()
        if self._at != len(self._tokens):
            raise ExpressionError(f"unexpected {self._tokens[self._at][1]!r}")
        return value

    def _peek(self) -> str | None:
        return self._tokens[self._at][1] if self._at < len(self._tokens) else None

    def _take(self, wanted: str | None = None) -> tuple[str, str]:
        if self._at >= len(self._tokens):
            raise ExpressionError("the expression ends too soon")
        token = self._tokens[self._at]
        if wanted is not None and token[1] != wanted:
            raise ExpressionError(f"expected {wanted!r}, found {token[1]!r}")
        self._at += 1
        return token

    def _ternary(self) -> Any:
        condition = self._or()
        if self._peek() != "?":
            return condition
        self._take("?")
        when_true = self._ternary()
        self._take(":")
        when_false = self._ternary()
        return when_true if truthy(condition) else when_false

    def _binary(self, operators: dict[str, Callable[[Any, Any], Any]], lower: Any) -> Any:
        value = lower()
        while self._peek() in operators:
            operator = operators[self._take()[1]]
            value = operator(value, lower())
        return value

    def _or(self) -> Any:
        return self._binary({"||": lambda a, b: a if truthy(a) else b}, self._and)

    def _and(self) -> Any:
        return self._binary({"&&": lambda a, b: b if truthy(a) else a}, self._equality)

    def _equality(self) -> Any:
        return self._binary({"==": _equal, "!=": lambda a, b: not _equal(a, b)}, self._compare)

    def _compare(self) -> Any:
        operators = {
            "<": lambda a, b: _number(a) < _number(b),
            ">": lambda a, b: _number(a) > _number(b),
            "<=": lambda a, b: _number(a) <= _number(b),
            ">=": lambda a, b: _number(a) >= _number(b),
        }
        return self._binary(operators, self._sum)

    def _sum(self) -> Any:
        return self._binary({"+": _plus, "-": lambda a, b: _number(a) - _number(b)}, self._product)

    def _product(self) -> Any:
        operators = {
            "*": lambda a, b: _number(a) * _number(b),
            "/": lambda a, b: _number(a) / _number(b) if _number(b) else None,
            "%": lambda a, b: _number(a) % _number(b) if _number(b) else None,
        }
        return self._binary(operators, self._unary)

    def _unary(self) -> Any:
        if self._peek() == "!":
            self._take()
            return not truthy(self._unary())
        if self._peek() == "-":
            self._take()
            return -_number(self._unary())
        return self._postfix()

    def _postfix(self) -> Any:
        value = self._primary()
        while self._peek() in (".", "["):
            if self._take()[1] == ".":
                kind, name = self._take()
                if kind != "name":
                    raise ExpressionError(f"expected a property name, found {name!r}")
                value = _member(value, name)
            else:
                key = self._ternary()
                self._take("]")
                value = _member(value, key)
        return value

    def _primary(self) -> Any:
        kind, text = self._take()
        if kind == "number":
            return float(text) if "." in text else int(text)
        if kind == "string":
            return text[1:-1]
        if kind == "resource":
            return self._resources.get(text[1:])
        if kind == "name":
            if text in _LITERALS:
                return _LITERALS[text]
            if self._peek() == "(":
                raise ExpressionError(f"function {text}() is beyond this preview")
            return self._scope.get(text)
        if text == "(":
            value = self._ternary()
            self._take(")")
            return value
        raise ExpressionError(f"unexpected {text!r}")


def _member(value: Any, key: Any) -> Any:
    if isinstance(value, Mapping):
        return value.get(key if isinstance(key, str) else as_text(key))
    if isinstance(value, list | str) and key == "length":
        return len(value)
    if isinstance(value, list) and isinstance(key, int | float) and 0 <= int(key) < len(value):
        return value[int(key)]
    return None


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return 0.0


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return bool(a == b)


def _plus(a: Any, b: Any) -> Any:
    if isinstance(a, str) or isinstance(b, str):
        return as_text(a) + as_text(b)
    return _number(a) + _number(b)
