from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from core import limits


class LoginForm(AuthenticationForm):
    username = forms.CharField(max_length=limits.NAME, label=_("用户名"), widget=forms.TextInput(attrs={"autofocus": True}))
    password = forms.CharField(max_length=limits.LINE, label=_("密码"), strip=False, widget=forms.PasswordInput)
