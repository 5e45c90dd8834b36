"""Shared pieces of the front-desk API: outputs used by several views, the event shape."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.output import ModelOutput
from core import limits
from modules.frontdesk.models import Event
from modules.frontdesk.selectors import events_of


class FrontdeskEventOut(serializers.ModelSerializer):  # no choice fields
    class Meta:
        model = Event
        fields = ["at", "action", "from_state", "to_state", "actor_name", "note"]


class WithEventsOut(serializers.Serializer):
    # Mixed into a detail output: `events`, the object's history under `event_entity`. A comment, not a
    # docstring: the schema would take a docstring as the description of every output it is mixed into.
    event_entity = ""
    events = serializers.SerializerMethodField()

    @extend_schema_field(FrontdeskEventOut(many=True))
    def get_events(self, obj) -> list:
        return FrontdeskEventOut(events_of(entity=self.event_entity, entity_id=obj.pk), many=True).data


class NoteIn(serializers.Serializer):
    note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")


class _Code(serializers.CharField):
    """A choice code in an output: a plain string in the schema (no shared enum component to collide
    with other modules' fields of the same name)."""

    def __init__(self, *, choices=None, **kwargs):
        super().__init__(**kwargs)


class OutSerializer(ModelOutput):
    serializer_choice_field = _Code


def enum_field(choices, **kwargs) -> serializers.ChoiceField:
    """An input choice field whose enum is inlined in the schema rather than a named component."""
    schema = {"type": "string", "enum": [code for code, _label in choices]}
    field_class = extend_schema_field(schema)(type("InlineChoiceField", (serializers.ChoiceField,), {}))
    return field_class(choices=choices, **kwargs)
