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
