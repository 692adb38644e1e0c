"""Turns a `Turn` into an Alexa response: SSML speech, reprompt, card, screen, attributes."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from backpain.apl_documents import screen_directive
from backpain.conversation import Turn
from backpain.speech import ssml_fragment


def render(handler_input: HandlerInput, turn: Turn) -> Response:
    reply = turn.reply
    builder = handler_input.response_builder
    builder.speak(ssml_fragment(reply.speech))
    if reply.reprompt is not None:
        builder.ask(ssml_fragment(reply.reprompt))
    else:
        builder.set_should_end_session(True)
    if reply.card is not None:
        builder.set_card(SimpleCard(title=reply.card.title, content=reply.card.text))
    if reply.screen is not None:
        directive = screen_directive(handler_input, reply.screen)
        if directive is not None:
            builder.add_directive(directive)
    if handler_input.request_envelope.session is not None:
        handler_input.attributes_manager.session_attributes = turn.state.to_attributes()
    return builder.response
