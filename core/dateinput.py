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


# the value format the browser's own pickers accept: a localized "2026/11/01" shows an empty picker
_PICKER_FORMATS = {"date": "%Y-%m-%d", "datetime-local": "%Y-%m-%dT%H:%M"}


class _PickerFormat:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        picker = _PICKER_FORMATS.get(getattr(self.widget, "input_type", ""))
        if picker and hasattr(self.widget, "format"):
            self.widget.format = picker


class BoundedDateField(_PickerFormat, _InRange, forms.DateField):
    pass


class BoundedDateTimeField(_PickerFormat, _InRange, forms.DateTimeField):
    pass


class MonthField(forms.RegexField):
    """A `YYYY-MM` (a page's ?month=): the first day of that month, bounded like every date here."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "month"}))
        super().__init__(r"^\d{4}-\d{2}$", **kwargs)

    def clean(self, value):
        from datetime import date

        value = super().clean(value)
        if not value:
            return None
        year, month = (int(part) for part in value.split("-"))
        if not 1 <= month <= 12:
            raise forms.ValidationError(date_range_message(), code="out_of_range")
        first = date(max(year, 1), month, 1)
        if not date_in_range(first):
            raise forms.ValidationError(date_range_message(), code="out_of_range")
        return first
