"""Front-desk list filters: every query parameter of a page is read through one of these forms, so bad
input (a NUL byte, an unknown code) is a form error shown on the page, never a 500."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from modules.frontdesk.models import custody as cu
from modules.frontdesk.models import work as wo

ALL = "all"
_FLAG = [("", ""), ("0", "0"), ("1", "1")]


class FilterForm(forms.Form):
    """`values()`: the cleaned filter, or every field's default when the query string is invalid."""

    defaults: dict = {}

    def values(self) -> dict:
        if self.is_valid():
            return {name: self._or_default(name, value) for name, value in self.cleaned_data.items()}
        return dict(self.defaults)

    def _or_default(self, name: str, value):
        return self.defaults.get(name, value) if value in ("", None) else value


class SearchFilter(FilterForm):
    q = forms.CharField(label=_("查找"), required=False, max_length=64)
    defaults = {"q": ""}


class CustodyFilter(SearchFilter):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[(ALL, ALL), *cu.ITEM_STATUSES])
    defaults = {"q": "", "status": cu.HELD}


class WorkOrderFilter(FilterForm):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=[("", ""), *wo.STATUSES])
    department = forms.ChoiceField(label=_("部门"), required=False, choices=[("", ""), *wo.DEPARTMENTS])
    overdue = forms.ChoiceField(label=_("超时"), required=False, choices=_FLAG)
    open = forms.ChoiceField(label=_("未完成"), required=False, choices=_FLAG)
    today = forms.ChoiceField(label=_("今日到期"), required=False, choices=_FLAG)
    defaults = {"status": "", "department": "", "overdue": "0", "open": "0", "today": "0"}


class CallsFilter(FilterForm):
    all = forms.ChoiceField(label=_("全部"), required=False, choices=_FLAG)
    defaults = {"all": "0"}


class VisitorsFilter(FilterForm):
    inside = forms.ChoiceField(label=_("在场"), required=False, choices=_FLAG)
    defaults = {"inside": "1"}
