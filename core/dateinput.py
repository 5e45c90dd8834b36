"""Form fields for dates and moments a request names, bounded to the years of core/moments.py: a page's
`?month=9999-12` or a typed-in `0001-01-01` is a form error (or, for navigation, a dropped value), never
an overflow deep in date arithmetic."""

from __future__ import annotations

from django import forms

from core.moments import date_in_range, date_range_message


class _InRange:
    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and not date_in_range(value):
            raise forms.ValidationError(date_range_message(), code="out_of_range")
        return value


class BoundedDateField(_InRange, forms.DateField):
    pass


class BoundedDateTimeField(_InRange, forms.DateTimeField):
    pass
