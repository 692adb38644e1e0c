"""An APL RenderDocument drawn as HTML: a preview of the components this skill's screens use."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from echo_sim.browser.apl_expression import ExpressionError, as_text, bind, truthy
from echo_sim.device import first_send_event

_MAX_DEPTH = 60  # a layout that includes itself
_CHILD_KEYS = ("items", "item")
_JUSTIFY = {
    "start": "flex-start",
    "end": "flex-end",
    "center": "center",
    "spaceBetween": "space-between",
    "spaceAround": "space-around",
    "spaceEvenly": "space-evenly",
}
_ALIGN = {
    "start": "flex-start",
    "end": "flex-end",
    "center": "center",
    "stretch": "stretch",
    "baseline": "baseline",
}
_TEXT_ALIGN = {
    "left": "left",
    "right": "right",
    "center": "center",
    "start": "left",
    "end": "right",
}
_VERTICAL = {"top": "flex-start", "center": "center", "bottom": "flex-end"}
_BOX_SIDES = {
    "paddingLeft": "padding-left",
    "paddingRight": "padding-right",
    "paddingTop": "padding-top",
    "paddingBottom": "padding-bottom",
    "paddingStart": "padding-left",
    "paddingEnd": "padding-right",
}
_SIZES = {
    "width": "width",
    "height": "height",
    "minWidth": "min-width",
    "maxWidth": "max-width",
    "minHeight": "min-height",
    "maxHeight": "max-height",
}
_INLINE_MARKUP = re.compile(r"&lt;(/?)(b|i|u|strong|em|sup|sub)&gt;|&lt;br\s*/?&gt;", re.IGNORECASE)
_DIMENSION = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(dp|px|vw|vh|%)?\s*$")


@dataclass(frozen=True)
class Viewport:
    """The screen a document is drawn on, in display-independent pixels (dp)."""

    name: str
    pixel_width: int
    pixel_height: int
    dpi: int
    theme: str = "dark"

    @property
    def width(self) -> int:
        return round(self.pixel_width * 160 / self.dpi)

    @property
    def height(self) -> int:
        return round(self.pixel_height * 160 / self.dpi)

    def to_apl(self) -> dict[str, Any]:
        """The `viewport` object of APL's data-binding context."""
        return {
            "width": self.width,
            "height": self.height,
            "pixelWidth": self.pixel_width,
            "pixelHeight": self.pixel_height,
            "dpi": self.dpi,
            "shape": "rectangle",
            "mode": "hub",
            "theme": self.theme,
        }


@dataclass(frozen=True)
class Preview:
    """The drawn screen and what the preview could not draw."""

    html: str
    notes: tuple[str, ...]


def render(directive: Mapping[str, Any], viewport: Viewport) -> Preview:
    """The HTML for one RenderDocument directive, sized to `viewport` (dp are CSS pixels)."""
    document = directive.get("document")
    datasources = directive.get("datasources") or {}
    if not isinstance(document, Mapping) or not isinstance(datasources, Mapping):
        return Preview("", ("the directive has no APL document to draw",))
    drawing = _Drawing(document, datasources, viewport)
    body = drawing.component(_main_item(document), drawing.root_scope, 0)
    theme = str(document.get("theme") or viewport.theme)
    token = html.escape(str(directive.get("token", "")))
    shown = (
        f'<div class="apl-screen apl-theme-{html.escape(theme)}" data-token="{token}" '
        f'style="width:{viewport.width}px;height:{viewport.height}px">{body}</div>'
    )
    return Preview(shown, tuple(dict.fromkeys(drawing.notes)))


def _main_item(document: Mapping[str, Any]) -> Any:
    main = document.get("mainTemplate") or {}
    items = main.get("items", main.get("item"))
    return {"type": "Container", "width": "100vw", "height": "100vh", "items": items}


class _Drawing:
    """One document being drawn: its layouts, resources and data-binding context."""

    def __init__(
        self, document: Mapping[str, Any], datasources: Mapping[str, Any], viewport: Viewport
    ) -> None:
        self.viewport = viewport
        self.layouts = document.get("layouts") or {}
        self.notes: list[str] = []
        context: dict[str, Any] = {
            "viewport": viewport.to_apl(),
            "environment": {"aplVersion": "2023.3", "allowOpenURL": False},
        }
        self.resources = self._resources(document.get("resources") or [], context)
        main = document.get("mainTemplate") or {}
        names = [
            str(p.get("name") if isinstance(p, Mapping) else p)
            for p in main.get("parameters") or []
        ]
        # Old documents bind one parameter ("payload") to all datasources; newer ones bind each
        # parameter to the datasource of the same name.
        if len(names) == 1 and names[0] not in datasources:
            context[names[0]] = dict(datasources)
        else:
            context.update({name: datasources.get(name) for name in names})
        self.root_scope = context

    def _resources(self, blocks: Any, context: dict[str, Any]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for block in blocks if isinstance(blocks, list) else []:
            if not isinstance(block, Mapping) or not self._when(block, context, found):
                continue
            for kind, values in block.items():
                if kind not in ("when", "description") and isinstance(values, Mapping):
                    for name, value in values.items():
                        found[str(name)] = self._bind(value, context, found)
        return found

    def _bind(self, value: Any, scope: Mapping[str, Any], resources: Mapping[str, Any]) -> Any:
        try:
            return bind(value, scope, resources)
        except ExpressionError as error:
            self.notes.append(f"not evaluated: {value!r} ({error})")
            return value

    def value(self, node: Mapping[str, Any], key: str, scope: Mapping[str, Any]) -> Any:
        return self._bind(node.get(key), scope, self.resources)

    def _when(
        self, node: Mapping[str, Any], scope: Mapping[str, Any], resources: Mapping[str, Any]
    ) -> bool:
        return "when" not in node or truthy(self._bind(node["when"], scope, resources))

    def component(self, node: Any, scope: dict[str, Any], depth: int) -> str:
        if depth > _MAX_DEPTH or not isinstance(node, Mapping):
            return ""
        if not self._when(node, scope, self.resources):
            return ""
        kind = str(node.get("type", ""))
        layout = self.layouts.get(kind)
        if isinstance(layout, Mapping):
            return self._layout(layout, node, scope, depth)
        draw = {
            "Container": self._container,
            "Frame": self._single,
            "ScrollView": self._single,
            "TouchWrapper": self._touch,
            "Text": self._text,
            "Image": self._image,
            "Sequence": self._container,
        }.get(kind)
        if draw is None:
            self.notes.append(f"component {kind or '(no type)'} is not previewed")
            return f'<div class="apl-unknown">{html.escape(kind or "?")}: not previewed</div>'
        return draw(node, scope, depth)

    def _layout(
        self, layout: Mapping[str, Any], node: Mapping[str, Any], scope: dict[str, Any], depth: int
    ) -> str:
        inner = dict(scope)
        for parameter in layout.get("parameters") or []:
            name = str(parameter.get("name") if isinstance(parameter, Mapping) else parameter)
            default = parameter.get("default") if isinstance(parameter, Mapping) else None
            raw = node.get(name, default)
            inner[name] = self._bind(raw, scope, self.resources)
        child = self._first(layout, inner)
        return self.component(child, inner, depth + 1)

    def _children(self, node: Mapping[str, Any]) -> list[Any]:
        for key in _CHILD_KEYS:
            if key in node:
                found = node[key]
                return list(found) if isinstance(found, list) else [found]
        return []

    def _first(self, node: Mapping[str, Any], scope: Mapping[str, Any]) -> Any:
        """A single-child component inflates the first child whose `when` holds."""
        for child in self._children(node):
            if isinstance(child, Mapping) and self._when(child, scope, self.resources):
                return child
        return None

    def _container(self, node: Mapping[str, Any], scope: dict[str, Any], depth: int) -> str:
        drawn: list[str] = []
        first = node.get("firstItem")
        if first is not None:
            drawn.append(self.component(first, scope, depth + 1))
        data = self.value(node, "data", scope) if "data" in node else None
        if isinstance(data, list):
            for index, element in enumerate(data):
                inner = {**scope, "data": element, "index": index, "length": len(data)}
                drawn.append(self.component(self._first(node, inner), inner, depth + 1))
        else:
            for child in self._children(node):
                drawn.append(self.component(child, scope, depth + 1))
        last = node.get("lastItem")
        if last is not None:
            drawn.append(self.component(last, scope, depth + 1))
        style = self._box(node, scope)
        row = self.value(node, "direction", scope) in ("row", "rowReverse")
        style["flex-direction"] = "row" if row else "column"
        justify = _JUSTIFY.get(str(self.value(node, "justifyContent", scope)))
        if justify:
            style["justify-content"] = justify
        align = _ALIGN.get(str(self.value(node, "alignItems", scope)))
        if align:
            style["align-items"] = align
        kind = "Sequence" if node.get("type") == "Sequence" else "Container"
        if kind == "Sequence":
            style["overflow"] = "auto"
        direction = "apl-row" if row else "apl-column"
        return self._element(kind, style, "".join(drawn), extra_class=direction)

    def _single(self, node: Mapping[str, Any], scope: dict[str, Any], depth: int) -> str:
        child = self.component(self._first(node, scope), scope, depth + 1)
        style = self._box(node, scope)
        kind = str(node.get("type"))
        if kind == "ScrollView":
            style["overflow-y"] = "auto"
        return self._element(kind, style, child)

    def _touch(self, node: Mapping[str, Any], scope: dict[str, Any], depth: int) -> str:
        child = self.component(self._first(node, scope), scope, depth + 1)
        style = self._box(node, scope)
        arguments = self._send_event(node.get("onPress"), scope)
        label = as_text(self.value(node, "accessibilityLabel", scope))
        if arguments is None:
            return self._element("TouchWrapper", style, child)
        attributes = (
            f' role="button" tabindex="0" data-arguments="{html.escape(json.dumps(arguments))}"'
            f' aria-label="{html.escape(label)}"'
        )
        return self._element("TouchWrapper", style, child, attributes, extra_class="apl-touch")

    def _send_event(self, commands: Any, scope: Mapping[str, Any]) -> list[Any] | None:
        """The arguments of the first SendEvent the press runs, evaluated as the device would."""
        send_event = first_send_event(commands)
        if send_event is None:
            return None
        arguments = self._bind(send_event.get("arguments") or [], scope, self.resources)
        return list(arguments) if isinstance(arguments, list) else [arguments]

    def _text(self, node: Mapping[str, Any], scope: dict[str, Any], depth: int) -> str:
        style = self._box(node, scope)
        style["color"] = self._colour(self.value(node, "color", scope)) or "var(--apl-ink)"
        style["font-size"] = self._dimension(self.value(node, "fontSize", scope) or 40, "x")
        weight = as_text(self.value(node, "fontWeight", scope))
        if weight:
            style["font-weight"] = "700" if weight == "bold" else weight
        if self.value(node, "fontStyle", scope) == "italic":
            style["font-style"] = "italic"
        line_height = self.value(node, "lineHeight", scope)
        if isinstance(line_height, int | float):
            style["line-height"] = str(line_height)
        align = _TEXT_ALIGN.get(str(self.value(node, "textAlign", scope)))
        if align:
            style["text-align"] = align
        vertical = _VERTICAL.get(str(self.value(node, "textAlignVertical", scope)))
        if vertical:
            style["justify-content"] = vertical
        lines = self.value(node, "maxLines", scope)
        if isinstance(lines, int) and lines > 0:
            style["-webkit-line-clamp"] = str(lines)
        words = html.escape(as_text(self.value(node, "text", scope)))
        words = _INLINE_MARKUP.sub(_markup, words)
        return self._element("Text", style, f"<span>{words}</span>")

    def _image(self, node: Mapping[str, Any], scope: dict[str, Any], depth: int) -> str:
        # The console loads nothing from the network, so an image is a labelled box.
        style = self._box(node, scope)
        source = as_text(self.value(node, "source", scope) or self.value(node, "src", scope))
        self.notes.append("images are shown as boxes (the console loads nothing from the network)")
        return self._element("Image", style, f"<span>image: {html.escape(source)}</span>")

    def _box(self, node: Mapping[str, Any], scope: Mapping[str, Any]) -> dict[str, str]:
        style: dict[str, str] = {}
        for key, css in _SIZES.items():
            if key in node:
                value = self.value(node, key, scope)
                if value not in (None, "auto"):
                    style[css] = self._dimension(value, "y" if "eight" in key else "x")
        padding = self.value(node, "padding", scope) if "padding" in node else None
        if padding is not None:
            sides = padding if isinstance(padding, list) else [padding]
            style["padding"] = " ".join(self._dimension(side, "x") for side in sides[:4])
        for key, css in _BOX_SIDES.items():
            if key in node:
                style[css] = self._dimension(self.value(node, key, scope), "x")
        for key, css in (("grow", "flex-grow"), ("shrink", "flex-shrink")):
            value = self.value(node, key, scope)
            if isinstance(value, int | float):
                style[css] = as_text(value)
        background = self._colour(self.value(node, "backgroundColor", scope))
        if background:
            style["background-color"] = background
        radius = self.value(node, "borderRadius", scope)
        if radius is not None:
            style["border-radius"] = self._dimension(radius, "x")
        border = self.value(node, "borderWidth", scope)
        if border is not None:
            colour = self._colour(self.value(node, "borderColor", scope)) or "transparent"
            style["border"] = f"{self._dimension(border, 'x')} solid {colour}"
        opacity = self.value(node, "opacity", scope)
        if isinstance(opacity, int | float):
            style["opacity"] = as_text(opacity)
        display = self.value(node, "display", scope)
        if display == "none":
            style["display"] = "none"
        elif display == "invisible":
            style["visibility"] = "hidden"
        if "spacing" in node:
            style["--apl-spacing"] = self._dimension(self.value(node, "spacing", scope), "x")
        return style

    def _dimension(self, value: Any, axis: str) -> str:
        if isinstance(value, int | float):
            return f"{value:g}px"
        match = _DIMENSION.match(as_text(value))
        if match is None:
            self.notes.append(f"dimension {value!r} is not previewed")
            return "auto"
        number, unit = float(match[1]), match[2] or "dp"
        if unit == "px":
            number = number * 160 / self.viewport.dpi
        elif unit == "vw":
            number = number * self.viewport.width / 100
        elif unit == "vh":
            number = number * self.viewport.height / 100
        elif unit == "%":
            return f"{number:g}%"
        return f"{number:g}px"

    def _colour(self, value: Any) -> str | None:
        if not isinstance(value, str) or not value.strip():
            return None
        colour = value.strip()
        # APL's #RRGGBBAA is CSS's too; anything else that is not a plain word is left out.
        if re.fullmatch(r"#[0-9A-Fa-f]{3,8}|[A-Za-z]+|rgba?\([\d.,\s%]+\)", colour):
            return colour
        self.notes.append(f"colour {value!r} is not previewed")
        return None

    @staticmethod
    def _element(
        kind: str,
        style: Mapping[str, str],
        inner: str,
        attributes: str = "",
        extra_class: str = "",
    ) -> str:
        css = ";".join(f"{key}:{value}" for key, value in style.items())
        classes = f"apl apl-{kind}" + (f" {extra_class}" if extra_class else "")
        return f'<div class="{classes}" style="{html.escape(css)}"{attributes}>{inner}</div>'


def _markup(match: re.Match[str]) -> str:
    if match[2] is None:
        return "<br>"
    return f"<{match[1]}{match[2].lower()}>"


def touch_arguments(preview_html: str) -> Iterator[list[Any]]:
    """The SendEvent arguments of every touch target in a drawn preview (for tests and checks)."""
    for found in re.finditer(r'data-arguments="([^"]*)"', preview_html):
        yield json.loads(html.unescape(found[1]))
