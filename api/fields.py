"""Serializer fields for dates and moments, bounded to the years of core/moments.py: `9999-12-31` in a path
or `0001-01-01T00:00:00-12:00` in a body is a 400 naming the field, never an overflow further on."""

from __future__ import annotations

from rest_framework import serializers

from core.moments import date_in_range, date_range_message


class _InRange:
    def to_internal_value(self, value):
        value = super().to_internal_value(value)
        if not date_in_range(value):
            raise serializers.ValidationError(date_range_message(), code="out_of_range")
        return value


class BoundedDateField(_InRange, serializers.DateField):
    pass


class BoundedDateTimeField(_InRange, serializers.DateTimeField):
    pass


class LabelField(serializers.CharField):
    """The label of a choice code in an output, e.g. `LabelField(STATUSES, source="status")` beside the
    code itself. It reads the code (a plain attribute, so DRF never inspects a `get_FOO_display` method per
    row) and looks it up in a dict of translated labels built once for the serializer — once per request,
    in the request's language — where `get_FOO_display` hashes, and so translates, every label of the
    choices list for every row. A code that is not a choice is given back as it is (as Django does)."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self._labels: dict | None = None

    def to_representation(self, value):
        if self._labels is None:  # a field is copied per serializer instance: built once per request
            self._labels = {code: str(label) for code, label in self.choices}
        return self._labels.get(value, value)
