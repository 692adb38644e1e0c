"""What an Echo Show would display: an APL RenderDocument read as text and touch targets."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
# Properties that make a component touchable: APL's own, and the alexa-layouts buttons'.
_PRESS_PROPERTIES = ("onPress", "primaryAction")
# Datasource fields that are plumbing, not words on the screen.
_NOT_TEXT_KEYS = frozenset(
    ("type", "token", "id", "url", "src", "source", "sources", "imageurl", "logourl")
)
_MAX_FIELD_CHARS = 280


@dataclass(frozen=True)
class TouchTarget:
    """Something on the screen that sends the skill a UserEvent when touched."""

    label: str
    arguments: tuple[Any, ...]
    """The SendEvent arguments, exactly as the skill will receive them."""


@dataclass(frozen=True)
class ScreenView:
    """One rendered APL screen."""

    token: str
    fields: tuple[tuple[str, str], ...]
    """(datasource path, text) for every piece of text the datasources put on screen."""
    targets: tuple[TouchTarget, ...]
    datasources: Mapping[str, Any]

    @property
    def title(self) -> str | None:
        for path, text in self.fields:
            if "title" in path.rpartition(".")[2].lower():
                return text
        return None

    def find_target(self, choice: str) -> TouchTarget | None:
        """A target by number ("1"), label ("yes") or argument, ignoring case."""
        wanted = choice.strip().casefold()
        if wanted.isdigit():
            number = int(wanted)
            return self.targets[number - 1] if 1 <= number <= len(self.targets) else None
        for target in self.targets:
            if target.label.casefold() == wanted:
                return target
        for target in self.targets:
            if any(str(argument).casefold() == wanted for argument in target.arguments):
                return target
        starting = [t for t in self.targets if t.label.casefold().startswith(wanted)]
        return starting[0] if len(starting) == 1 else None

    def render(self, width: int = 76) -> str:
        """A few lines of text standing in for the screen."""
        lines = [f"[screen{': ' + self.title if self.title else ''}]"]
        for path, text in self.fields:
            if text == self.title:
                continue
            label = path.rpartition(".")[2]
            for line in textwrap.wrap(f"{label}: {_shorten(text)}", width - 2):
                lines.append(f"  {line}")
        if self.targets:
            buttons = "   ".join(f"[{n}] {t.label}" for n, t in enumerate(self.targets, start=1))
            lines.append(f"  touch: {buttons}   (type /tap LABEL or /tap NUMBER)")
        return "\n".join(lines)


def _shorten(text: str) -> str:
    return textwrap.shorten(text, _MAX_FIELD_CHARS, placeholder=" ...")


def find_screen(directives: Sequence[Mapping[str, Any]]) -> ScreenView | None:
    """The screen the last RenderDocument directive draws, or None when there is none."""
    renders = [d for d in directives if d.get("type") == RENDER_DOCUMENT]
    if not renders:
        return None
    directive = renders[-1]
    document = directive.get("document") or {}
    datasources = directive.get("datasources") or {}
    if not isinstance(document, Mapping) or not isinstance(datasources, Mapping):
        return ScreenView(str(directive.get("token", "")), (), (), {})
    fields = tuple(_datasource_text(datasources))
    targets = tuple(_TargetFinder(document, datasources).find())
    return ScreenView(str(directive.get("token", "")), fields, targets, datasources)


def _datasource_text(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            if str(key).lower() in _NOT_TEXT_KEYS:
                continue
            yield from _datasource_text(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _datasource_text(value, f"{path}[{index}]")
    elif isinstance(node, str) and node.strip() and not node.startswith(("http://", "https://")):
        yield path, " ".join(node.split())


class _TargetFinder:
    """Walks an APL document, expanding data-driven children and layouts, to find touch targets."""

    def __init__(self, document: Mapping[str, Any], datasources: Mapping[str, Any]) -> None:
        self._layouts = document.get("layouts") or {}
        main = document.get("mainTemplate") or {}
        self._main = main
        self._root_scope = _main_template_scope(main, datasources)

    def find(self) -> Iterator[TouchTarget]:
        seen: set[tuple[str, str]] = set()
        for target in self._walk(self._main, self._root_scope, depth=0):
            key = (target.label, repr(target.arguments))
            if key not in seen:
                seen.add(key)
                yield target

    def _walk(self, node: Any, scope: dict[str, Any], depth: int) -> Iterator[TouchTarget]:
        if depth > 50:  # a layout that includes itself
            return
        if isinstance(node, list):
            for item in node:
                yield from self._walk(item, scope, depth + 1)
            return
        if not isinstance(node, Mapping):
            return
        for prop in _PRESS_PROPERTIES:
            if prop in node:
                arguments = _send_event_arguments(node[prop], scope)
                if arguments is not None:
                    yield TouchTarget(_label(node, scope, arguments), arguments)
        children = [node.get(key) for key in ("item", "items", "firstItem", "lastItem")]
        children = [child for child in children if child is not None]
        data = _resolve(node.get("data"), scope) if "data" in node else None
        if isinstance(data, list) and children:
            for index, element in enumerate(data):
                inner = {**scope, "data": element, "index": index}
                for child in children:
                    yield from self._walk(child, inner, depth + 1)
        else:
            for child in children:
                yield from self._walk(child, scope, depth + 1)
        layout = self._layouts.get(node.get("type")) if isinstance(node.get("type"), str) else None
        if isinstance(layout, Mapping):
            inner = _layout_scope(layout, node, scope)
            yield from self._walk(layout.get("items", layout.get("item")), inner, depth + 1)


def _main_template_scope(main: Mapping[str, Any], datasources: Mapping[str, Any]) -> dict[str, Any]:
    names = [_parameter_name(p) for p in main.get("parameters") or []]
    # Old documents bind one parameter ("payload") to all datasources; newer ones bind each
    # parameter to the datasource of the same name.
    if len(names) == 1 and names[0] not in datasources:
        return {names[0]: dict(datasources)}
    return {name: datasources.get(name) for name in names}


def _layout_scope(
    layout: Mapping[str, Any], node: Mapping[str, Any], scope: dict[str, Any]
) -> dict[str, Any]:
    inner = dict(scope)
    for parameter in layout.get("parameters") or []:
        name = _parameter_name(parameter)
        default = parameter.get("default") if isinstance(parameter, Mapping) else None
        inner[name] = _resolve(node.get(name, default), scope)
    return inner


def _parameter_name(parameter: Any) -> str:
    return str(parameter.get("name") if isinstance(parameter, Mapping) else parameter)


def first_send_event(commands: Any) -> Mapping[str, Any] | None:
    """The first SendEvent command a press runs, among (possibly nested) APL commands."""
    if isinstance(commands, list):
        for command in commands:
            found = first_send_event(command)
            if found is not None:
                return found
        return None
    if not isinstance(commands, Mapping):
        return None
    if commands.get("type") == "SendEvent":
        return commands
    for key in ("commands", "sequence", "then", "otherwise", "finally"):
        found = first_send_event(commands.get(key))
        if found is not None:
            return found
    return None


def _send_event_arguments(commands: Any, scope: dict[str, Any]) -> tuple[Any, ...] | None:
    """The arguments of the first SendEvent among (possibly nested) commands."""
    send_event = first_send_event(commands)
    if send_event is None:
        return None
    arguments = _resolve(send_event.get("arguments") or [], scope)
    return tuple(arguments) if isinstance(arguments, list) else (arguments,)


def _label(node: Mapping[str, Any], scope: dict[str, Any], arguments: tuple[Any, ...]) -> str:
    for key in ("buttonText", "text", "primaryText", "accessibilityLabel"):
        value = _resolve(node.get(key), scope)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    texts = list(_texts(node.get("item", node.get("items")), scope))
    if texts:
        return " ".join(texts)
    return " ".join(str(a) for a in arguments) or "(button)"


def _texts(node: Any, scope: dict[str, Any]) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _texts(item, scope)
    elif isinstance(node, Mapping):
        if node.get("type") == "Text":
            value = _resolve(node.get("text"), scope)
            if isinstance(value, str) and value.strip():
                yield " ".join(_strip_markup(value).split())
        yield from _texts(node.get("item", node.get("items")), scope)


def _strip_markup(text: str) -> str:
    return re.sub(r"<[^>]*>", "", text)


_EXPRESSION = re.compile(r"\$\{([^}]*)\}")
_PATH_PART = re.compile(r"\s*([A-Za-z_]\w*)|\[\s*(\d+)\s*\]|\[\s*'([^']*)'\s*\]|\.([A-Za-z_]\w*)")


def _resolve(value: Any, scope: Mapping[str, Any]) -> Any:
    """Data binding for the simple cases: "${payload.question.text}", "Press ${data.label}"."""
    if isinstance(value, list):
        return [_resolve(item, scope) for item in value]
    if isinstance(value, Mapping):
        return {key: _resolve(item, scope) for key, item in value.items()}
    if not isinstance(value, str) or "${" not in value:
        return value
    whole = _EXPRESSION.fullmatch(value.strip())
    if whole:
        found, ok = _lookup(whole[1], scope)
        return found if ok else value

    def substitute(match: re.Match[str]) -> str:
        found, ok = _lookup(match[1], scope)
        return str(found) if ok else match[0]

    return _EXPRESSION.sub(substitute, value)


def _lookup(expression: str, scope: Mapping[str, Any]) -> tuple[Any, bool]:
    expression = expression.strip()
    if len(expression) >= 2 and expression[0] == expression[-1] and expression[0] in "'\"":
        return expression[1:-1], True
    position, current, first = 0, None, True
    while position < len(expression):
        match = _PATH_PART.match(expression, position)
        if match is None:
            return None, False  # an operator or function: beyond this simple evaluator
        name, index, quoted, attribute = match.groups()
        if first:
            if name is None or name not in scope:
                return None, False
            current, first = scope[name], False
        elif index is not None and isinstance(current, list) and int(index) < len(current):
            current = current[int(index)]
        elif (key := attribute or quoted) is not None and isinstance(current, Mapping):
            if key not in current:
                return None, False
            current = current[key]
        else:
            return None, False
        position = match.end()
    return current, not first
