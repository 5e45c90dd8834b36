"""管理处信息 (C-01): the office director keeps the details the residents' public pages publish — the
office's duty phone (Tenant.duty_phone, written by tenants.services.office_profile_update)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import ApplicationError
from core.web import apply_error, require_perm
from tenants import services


class OfficeProfileForm(forms.Form):
    duty_phone = forms.CharField(label=gettext_lazy("值班电话（24 小时）"), max_length=32, required=False,
                                 help_text=gettext_lazy("住户网上投诉和查询页面上公布的电话。"))


@require_perm("office.profile")
def office_profile(request):
    form = OfficeProfileForm(request.POST or None, initial={"duty_phone": request.tenant.duty_phone})
    if request.method == "POST" and form.is_valid():
        try:
            services.office_profile_update(user=request.user, office=request.tenant, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("管理处信息已保存"))
            return redirect("office:profile")
    return render(request, "people/office.html", {"form": form, "office": request.tenant},
                  status=400 if form.errors else 200)
