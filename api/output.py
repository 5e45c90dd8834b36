"""Output serializers that cost per row, not per request.

DRF builds a ModelSerializer's fields from the model's metadata each time a serializer is made — once per
request for a list (the many=True child), about as much as serialising a dozen rows. `FieldsOnce` builds
them once per class and hands each serializer a copy, which is what DRF already does with declared fields
(`copy.deepcopy(self._declared_fields)`). Labels of choice codes: `api.fields.LabelField`."""

from __future__ import annotations

import copy

from rest_framework import serializers


class FieldsOnce:
    """Mixed in before a ModelSerializer: its `get_fields` runs once per class, each instance gets a copy.
    Only for fields that depend on the class alone (the Meta and the declared fields), never on the
    instance's context — true of every output serializer here."""

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built")
        if built is None:  # a race only builds it twice
            built = super().get_fields()
            cls._fields_built = built
        return copy.deepcopy(built)


class ModelOutput(FieldsOnce, serializers.ModelSerializer):
    # A ModelSerializer for outputs whose fields are built once per class. A comment, not a docstring:
    # the schema would take a docstring as the description of every output built on it.
    pass
