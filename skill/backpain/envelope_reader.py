"""ask-sdk's model mapping applied to a JSON document already parsed: nothing is decoded twice."""

from __future__ import annotations

from typing import Any, TypeVar

from ask_sdk_core.serialize import DefaultSerializer

T = TypeVar("T")


class _ParsedDocumentSerializer(DefaultSerializer):
    def from_document(self, document: Any, obj_type: type[T]) -> T:
        # DefaultSerializer.deserialize takes JSON text: it json.loads it, then hands the
        # document to its __deserialize, which maps it onto the ask-sdk-model classes. The
        # doors have the document already (Lambda gives a dict; the web door parses the body
        # once, for its own checks), so they take that mapping directly instead of dumping
        # the document to text for deserialize to parse again. tests/backpain/test_envelope_reader
        # pins that both give the same envelope.
        mapped: T = self._DefaultSerializer__deserialize(document, obj_type)  # type: ignore[attr-defined]
        return mapped


_SERIALIZER = _ParsedDocumentSerializer()


def read_parsed(document: Any, obj_type: type[T]) -> T:
    """`document` (parsed JSON) as an `obj_type` model, as ask-sdk's serializer makes it;
    raises SerializationException where the serializer would."""
    return _SERIALIZER.from_document(document, obj_type)
