from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateField, BoundedDateTimeField
from core.jsondepth import json_too_deep
from tenants.models import Tenant


class OfficeForm(forms.Form):
    slug = forms.CharField(label=_("子域名标识"), max_length=63, help_text=_("小写字母、数字、连字符，如 lakeside"))
    name = forms.CharField(label=_("管理处名称"), max_length=128)
    kind = forms.ChoiceField(label=_("物业类型"), choices=Tenant.KIND_CHOICES)
    director_username = forms.CharField(label=_("主任用户名"), max_length=150)
    director_display_name = forms.CharField(label=_("主任姓名"), max_length=64)
    director_phone = forms.CharField(label=_("主任电话"), max_length=32, required=False)


class SettingForm(forms.Form):
    key = forms.CharField(max_length=limits.NAME, widget=forms.HiddenInput)
    value = forms.CharField(max_length=limits.TEXT, label=_("新值"))
    effective_from = BoundedDateTimeField(label=_("生效时间"), required=False,
                                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    note = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)

    def clean_value(self) -> str:
        """The value is read as JSON by the view: one nested too deep would recurse past Python's limit."""
        value = self.cleaned_data["value"]
        if json_too_deep(value):
            raise forms.ValidationError(_("嵌套层数过多（最多 %(depth)s 层）。") % {"depth": settings.JSON_MAX_DEPTH})
        return value


class CalendarOverrideForm(forms.Form):
    date = BoundedDateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    is_working_day = forms.TypedChoiceField(label=_("设为"), coerce=lambda v: {"1": True, "0": False}.get(v),
                                            empty_value=None,
                                            choices=[("1", _("工作日")), ("0", _("休息日")),
                                                     ("official", _("恢复国家日历"))])
    note = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)


# rows a list setting's page may post (the list's own limit, plus the blank rows the page offers)
LIST_FORM_MAX_ROWS = 120


class SettingListForm(forms.Form):
    """A list setting (C-02) edited row by row: each row posts `item_code` (hidden, empty for a new item),
    `item_name`, and `item_remove` (its row number, ticked to drop it without JavaScript). The rows are
    read by `rows()`; the effective date and note are ordinary fields."""

    effective_from = BoundedDateTimeField(label=_("生效时间"), required=False,
                                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    note = forms.CharField(max_length=limits.NOTE, label=_("说明"), required=False)

    def posted_rows(self) -> list[dict]:
        """Every row as typed (kept when the page is shown again with errors), at most the bound."""
        data = self.data
        codes, names = data.getlist("item_code"), data.getlist("item_name")
        removed = set(data.getlist("item_remove"))
        rows = []
        for index, name in enumerate(names[:LIST_FORM_MAX_ROWS]):
            code = codes[index] if index < len(codes) else ""
            rows.append({"code": code[:limits.CODE], "name": name[:limits.NAME], "removed": str(index) in removed,
                         "too_long": len(name) > limits.NAME})
        return rows

    def clean(self):
        cleaned = super().clean()
        if len(self.data.getlist("item_name")) > LIST_FORM_MAX_ROWS:
            raise forms.ValidationError(_("最多 %(n)s 行。") % {"n": LIST_FORM_MAX_ROWS})
        return cleaned
class ScoringRuleForm(forms.Form):
    """A-01/S-08: a new scoring rule, or a new version of one from a date on."""

    code = forms.CharField(label=_("编号"), max_length=32)
    category = forms.ChoiceField(label=_("类别"))
    description = forms.CharField(label=_("内容"), max_length=255)
    direction = forms.ChoiceField(label=_("加/扣分"))
    points_min = forms.DecimalField(label=_("最低分"), max_digits=6, decimal_places=2)
    points_max = forms.DecimalField(label=_("最高分"), max_digits=6, decimal_places=2)
    pay_deduction = forms.DecimalField(label=_("扣款（元）"), max_digits=12, decimal_places=2, required=False)
    ladder = forms.CharField(label=_("累计处分（JSON）"), max_length=limits.NOTE, required=False,
                             help_text=_('如 [{"count": 3, "action": "warning", "extra_min": "1", "extra_max": "3"}]'))
    note = forms.CharField(label=_("说明"), max_length=255, required=False)
    effective_from = BoundedDateTimeField(label=_("生效时间"), required=False,
                                         widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, *args, **kwargs):
        from modules.catalog.models import DIRECTIONS, SCORING_CATEGORIES

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = SCORING_CATEGORIES
        self.fields["direction"].choices = DIRECTIONS

    def clean_ladder(self):
        import json

        raw = self.cleaned_data["ladder"].strip()
        if not raw:
            return []
        if json_too_deep(raw):
            raise forms.ValidationError(_("嵌套层数过多。"))
        try:
            return json.loads(raw)
        except ValueError:
            raise forms.ValidationError(_("须为 JSON 列表。")) from None
