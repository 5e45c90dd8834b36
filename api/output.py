"""Output serializers that cost per row, not per request.

DRF builds a ModelSerializer's fields from the model's metadata each time a serializer is made — once per
request for a list (the many=True child), about as much as serialising a dozen rows. `FieldsOnce` builds
them once per class and hands each serializer a copy (DRF deep-copies its declared fields the same way;
here a leaf field is copied shallowly, see `_copy`). Labels of choice codes: `api.fields.LabelField`."""

from __future__ import annotations

import copy
from collections.abc import Mapping

from django.core.exceptions import FieldDoesNotExist
from rest_framework import serializers
from rest_framework.fields import DateTimeField, Field, SkipField
from rest_framework.relations import PKOnlyObject, PrimaryKeyRelatedField, RelatedField


class FieldsOnce:
    """Mixed in before a ModelSerializer: its `get_fields` runs once per class, each instance gets a copy.
    Only for fields that depend on the class alone (the Meta and the declared fields), never on the
    instance's context — true of every output serializer here."""

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built")
        if built is None:  # a race only builds it twice
            built = [(name, field, _copier(field)) for name, field in super().get_fields().items()]
            cls._fields_built = built
        return {name: copier(field) for name, field, copier in built}


def _copier(field):
    """How a field is copied for one serializer: a leaf field (no field inside it) shallowly — binding
    sets its name, parent and source on the copy, and nothing else of it changes while serialising —
    which costs a fraction of DRF's deep copy (it re-runs the field's constructor over deep-copied
    arguments, half of a registration's answer). A field holding fields (a nested serializer, a list of
    related keys) deeply, as DRF does, so nothing bound is ever shared between serializers. Decided once
    per class."""
    if any(isinstance(value, Field) for value in vars(field).values()):
        return copy.deepcopy
    return copy.copy


def _plain_attribute(field) -> str | None:
    """The one attribute a field reads when it reads it the default way (`Field.get_attribute` over a
    single-name source), else None."""
    if type(field).get_attribute is Field.get_attribute and len(field.source_attrs) == 1:
        return field.source_attrs[0]
    return None


def _key_column(field, model) -> str | None:
    """For a primary-key related field over a foreign key of `model` (DRF reads the key alone, as a
    PKOnlyObject, and answers its pk), the key's column attribute (`household_id`), else None."""
    if not (isinstance(field, PrimaryKeyRelatedField) and field.pk_field is None
            and type(field).get_attribute is RelatedField.get_attribute
            and type(field).to_representation is PrimaryKeyRelatedField.to_representation
            and field.use_pk_only_optimization() and len(field.source_attrs) == 1):
        return None
    try:
        model_field = model._meta.get_field(field.source_attrs[0])
    except (AttributeError, FieldDoesNotExist):
        return None
    return model_field.attname if model_field.many_to_one and model_field.concrete else None


def _plan(fields, model) -> list[tuple]:
    plan = []
    for field in fields:
        if isinstance(field, DateTimeField) and not hasattr(field, "timezone"):
            field.timezone = field.default_timezone()  # the request's zone, looked up once, not per value
        if (column := _key_column(field, model)) is not None:
            plan.append((field.field_name, field, _KEY, column, None))
        else:
            attribute = _plain_attribute(field)
            plan.append((field.field_name, field, _DRF if attribute is None else _PLAIN, attribute,
                         _IDENTITY.get(type(field).to_representation)))
    return plan


_PLAIN, _KEY, _DRF = "plain", "key", "drf"
# a value of exactly this type comes out of the field's to_representation unchanged (str(s), int(i),
# bool(b)): the row takes it as it is and skips the call
_IDENTITY = {serializers.CharField.to_representation: str, serializers.IntegerField.to_representation: int,
             serializers.BooleanField.to_representation: bool}


class RowsPlanned:
    """Mixed in before a Serializer: `to_representation` walks a list of the readable fields made once per
    serializer (DRF's runs a generator over all fields for every row), reads a field that reads one plain
    attribute with `getattr` and a foreign key's primary key from its column (DRF goes through its generic
    source walk, or a PKOnlyObject, for every value), and looks up the time zone of moments once. Anything
    else — a method field, a nested serializer, a dotted source, a callable attribute, a missing one —
    goes DRF's own way; a str, int or bool read by a field that would only convert it to its own type is
    taken as it is; the output is the same (tests/api/test_list_cost.py)."""

    def to_representation(self, instance):
        if isinstance(instance, Mapping):
            return super().to_representation(instance)
        model = type(instance)
        planned = self.__dict__.get("_row_plan")
        if planned is None or planned[0] is not model:
            planned = self._row_plan = (model, _plan(self._readable_fields, model))
        row = {}
        for name, field, how, attribute, same in planned[1]:
            if how is _KEY:
                row[name] = getattr(instance, attribute)
                continue
            value = getattr(instance, attribute, _ABSENT) if how is _PLAIN else _ABSENT
            if same is not None and type(value) is same:
                row[name] = value
                continue
            if value is _ABSENT or callable(value):
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
            present = value.pk if isinstance(value, PKOnlyObject) else value
            row[name] = None if present is None else field.to_representation(value)
        return row


_ABSENT = object()


class ModelOutput(RowsPlanned, FieldsOnce, serializers.ModelSerializer):
    # A ModelSerializer for outputs whose fields are built once per class. A comment, not a docstring:
    # the schema would take a docstring as the description of every output built on it.
    pass
