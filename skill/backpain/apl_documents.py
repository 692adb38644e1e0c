"""APL screens for Echo Show: a document from apl/ plus the reply's data, when supported."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_supported_interfaces

from backpain.reply import Screen

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

APL_DIR = Path(__file__).resolve().parent / "apl"
DATASOURCE = "backpain"
"""The one datasource every document binds to: `${backpain.title}` and so on."""


@functools.cache
def document(name: str) -> dict[str, Any]:
    """An APL document, read once per process."""
    return json.loads((APL_DIR / f"{name}.json").read_text(encoding="utf-8"))


def supports_apl(handler_input: HandlerInput) -> bool:
    try:
        interfaces = get_supported_interfaces(handler_input)
    except (AttributeError, TypeError):
        return False
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def screen_directive(handler_input: HandlerInput, screen: Screen) -> RenderDocumentDirective | None:
    """The RenderDocument directive for a screen device; None for a voice-only one."""
    if not supports_apl(handler_input):
        return None
    # Imported here: the APL model classes cost a voice-only cold start about 15 ms.
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    return RenderDocumentDirective(
        token=f"backpain-{screen.document}",
        document=document(screen.document),
        datasources={DATASOURCE: screen.data},
    )
