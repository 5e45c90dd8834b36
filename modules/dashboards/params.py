"""The query parameters of both dashboards (pages and API), bounded: a bad one is a ValidationFailed naming
the parameter (400 in the API's one error shape; the page shows it on its form)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext as _

from core import limits
from core.dateinput import MonthField
from core.errors import ValidationFailed

MAX_PAGE = 1000  # 20 offices a page: far beyond any group's number of offices


class _Query(forms.Form):
    month = MonthField(required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    q = forms.CharField(required=False, max_length=limits.SEARCH, strip=True)
    figure = forms.CharField(required=False, max_length=64)


def dashboard_params(data, *, today: date, figures: tuple[str, ...] = ()) -> dict:
    """`month` (YYYY-MM, this month by default, never after it), `page` (1..MAX_PAGE), `q` (office name
    text) and `figure` (one of `figures`, the first by default)."""
    form = _Query({k: data.get(k) for k in ("month", "page", "q", "figure") if data.get(k) not in (None, "")})
    if not form.is_valid():
        fields = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        raise ValidationFailed(_("查询参数无效：%(names)s") % {"names": "、".join(fields)}, fields=fields)
    current = today.replace(day=1)
    month = form.cleaned_data.get("month") or current
    if month > current:
        raise ValidationFailed(_("月份不能晚于本月"), fields={"month": [_("月份不能晚于本月")]})
    figure = form.cleaned_data.get("figure") or (figures[0] if figures else "")
    if figures and figure not in figures:
        raise ValidationFailed(_("没有这一指标"), fields={"figure": [_("没有这一指标")]})
    return {"month": month, "page": form.cleaned_data.get("page") or 1, "q": form.cleaned_data.get("q") or "",
            "figure": figure}


def months_ending(month: date, count: int = 12) -> list[date]:
    """The first days of the `count` months ending with `month`, oldest first."""
    months, first = [], month.replace(day=1)
    for _n in range(count):
        months.append(first)
        first = date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)
    return months[::-1]
