from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from core.dateinput import BoundedDateField
from core.validators import validate_phone
from modules.residents.models import Household, Resident


class ResidentFilterForm(forms.Form):
    q = forms.CharField(max_length=limits.SEARCH, label=_("查找"), required=False,
                        widget=forms.TextInput(attrs={"placeholder": _("房号、姓名或电话")}))
    building = forms.TypedChoiceField(label=_("楼栋"), required=False, coerce=int, empty_value=None)
    unit = forms.CharField(label=_("房号"), required=False, max_length=64)
    relation = forms.ChoiceField(label=_("身份"), required=False,
                                 choices=[("", _("全部"))] + Resident.RELATIONS)

    def __init__(self, *args, buildings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].choices = [("", _("全部"))] + [(b.pk, b.name) for b in buildings]


class ResidentEditForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64)
    relation = forms.ChoiceField(label=_("身份"), choices=Resident.RELATIONS)
    phone = forms.CharField(label=_("电话"), max_length=32, validators=[validate_phone])
    email = forms.EmailField(label=_("邮箱"), required=False)
    note = forms.CharField(label=_("备注"), required=False, max_length=255)
    is_active = forms.BooleanField(label=_("有效（仍在住）"), required=False)


class ResidentCreateForm(forms.Form):
    building = forms.CharField(label=_("楼栋"), max_length=64)
    unit_number = forms.CharField(label=_("房号"), max_length=32)
    household_name = forms.CharField(label=_("户名/企业名"), max_length=128, required=False,
                                     help_text=_("留空则以住户姓名为户名"))
    kind = forms.ChoiceField(label=_("类型"), choices=Household.KINDS, initial=Household.HOME)
    name = forms.CharField(label=_("姓名"), max_length=64)
    relation = forms.ChoiceField(label=_("身份"), choices=Resident.RELATIONS)
    phone = forms.CharField(label=_("电话"), max_length=32, validators=[validate_phone])
    email = forms.EmailField(label=_("邮箱"), required=False)
    note = forms.CharField(label=_("备注"), required=False, max_length=255)


class RosterUploadForm(forms.Form):
    file = forms.FileField(label=_("住户名册（.xlsx）"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))


class BuildingEditForm(forms.Form):
    name = forms.CharField(label=_("楼栋"), max_length=64)
    note = forms.CharField(label=_("备注"), max_length=255, required=False)
    is_active = forms.BooleanField(label=_("启用（取消勾选即停用，不删除）"), required=False)
    change_note = forms.CharField(label=_("修改说明"), max_length=255, required=False)


class UnitEditForm(forms.Form):
    number = forms.CharField(label=_("房号"), max_length=32)
    floor = forms.CharField(label=_("楼层"), max_length=16, required=False)
    area_m2 = forms.DecimalField(label=_("面积(㎡)"), max_digits=8, decimal_places=2, required=False)
    is_active = forms.BooleanField(label=_("启用（取消勾选即停用，不删除）"), required=False)
    change_note = forms.CharField(label=_("修改说明"), max_length=255, required=False)


class HouseholdEditForm(forms.Form):
    name = forms.CharField(label=_("户名/企业名"), max_length=128)
    kind = forms.ChoiceField(label=_("类型"), choices=Household.KINDS,
                             help_text=_("更正类型会单独记入变更记录"))
    moved_in = BoundedDateField(label=_("入住日期"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    is_active = forms.BooleanField(label=_("在住（取消勾选即迁出，不删除）"), required=False)
    change_note = forms.CharField(label=_("修改说明"), max_length=255, required=False)


class HouseholdSearchForm(forms.Form):
    """The autocomplete's `q` (P-02); CharField refuses a NUL byte, so bad input is a 400, not a 500."""

    q = forms.CharField(required=False, max_length=64)


class BuildingChoiceForm(forms.Form):
    """`?building=` on the buildings page: an integer id ("²" and the like are a form error)."""

    building = forms.IntegerField(required=False, min_value=1)
