from django import forms
from django.utils.translation import gettext_lazy as _

from core import limits
from modules.people.selectors import ACTIVE, ALL, ENDED


class PersonAddForm(forms.Form):
    """Add a person (R-04): an existing group account by username or phone, or a new account."""

    role = forms.ChoiceField(label=_("角色"))
    existing = forms.CharField(label=_("已有账号（用户名或电话）"), max_length=150, required=False,
                               help_text=_("此人已在集团其他单位任职时填写；否则留空并填写下面的新账号"))
    username = forms.CharField(label=_("新账号用户名"), max_length=150, required=False)
    display_name = forms.CharField(label=_("姓名"), max_length=64, required=False)
    phone = forms.CharField(label=_("电话"), max_length=32, required=False)
    email = forms.EmailField(label=_("电子邮件"), max_length=254, required=False)

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = list(roles)

    def clean(self):
        data = super().clean()
        if not data.get("existing") and not data.get("username"):
            self.add_error("username", _("请填写新账号用户名，或在上面填写已有账号"))
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("新角色"))

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = list(roles)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("搜索"), max_length=limits.SEARCH, required=False)
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[(ACTIVE, _("在职")), (ENDED, _("已离职")), (ALL, _("全部"))])


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(label=_("原密码"), max_length=128, strip=False, widget=forms.PasswordInput)
    new_password = forms.CharField(label=_("新密码"), max_length=128, strip=False, widget=forms.PasswordInput)
    new_password_again = forms.CharField(label=_("再次输入新密码"), max_length=128, strip=False,
                                         widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("new_password") and data.get("new_password") != data.get("new_password_again"):
            self.add_error("new_password_again", _("两次输入的新密码不一致"))
        return data
