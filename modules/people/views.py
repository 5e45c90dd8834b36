"""人员 pages (R-01..R-04): a manager's people on an office or the head-office host; the group
administrators' view of every office's people on the apex host; everyone's own password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.permissions import grantable_roles, may_grant
from core.web import apply_error, require_perm
from modules.people import selectors, services
from modules.people.forms import NoteForm, PasswordChangeForm, PeopleSearchForm, PersonAddForm, RoleForm


def _search(request) -> dict:
    form = PeopleSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return {"q": data.get("q", ""), "status": data.get("status") or selectors.ACTIVE}


@require_perm("people.manage")
def people_list(request):
    search = _search(request)
    qs = selectors.people_of_tenant(tenant=request.tenant, q=search["q"], status=search["status"])
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "people/list.html", {"page": page, **search,
                                                "may_add": bool(grantable_roles(request.membership.role))})


@never_cache
@require_perm("people.manage")
def person_add(request):
    roles = grantable_roles(request.membership.role)
    form = PersonAddForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        try:
            membership, password = services.person_add(manager=request.membership, tenant=request.tenant,
                                                       **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            if not password:
                messages.success(request, _("已添加：%(name)s") % {"name": membership.user})
                return redirect("people:detail", user_id=membership.user_id)
            return render(request, "people/one_time.html", {"person": membership.user, "password": password})
    return render(request, "people/add.html", {"form": form})


def _person_or_404(request, user_id: int):
    membership = selectors.person_get_for_manager(manager=request.membership, user_id=user_id)
    if membership is None:
        raise Http404("no such person")
    return membership


@require_perm("people.manage")
def person_detail(request, user_id: int, role_form=None, end_form=None):
    membership = _person_or_404(request, user_id)
    roles = grantable_roles(request.membership.role)
    manageable = membership.user_id != request.user.pk and may_grant(request.membership.role, membership.role)
    return render(request, "people/detail.html", {
        "person": membership.user, "m": membership, "manageable": manageable,
        "role_form": role_form or RoleForm(initial={"role": membership.role}, roles=roles),
        "end_form": end_form or NoteForm(),
        "events": selectors.account_events(user=membership.user, tenant=request.tenant),
    })


@require_POST
@require_perm("people.manage")
def person_role(request, user_id: int):
    form = RoleForm(request.POST, roles=grantable_roles(request.membership.role))
    return _person_act(request, user_id, form, "role_form", _("角色已变更"), lambda data: services.membership_role_change(
        manager=request.membership, user_id=user_id, role=data["role"]))


@require_POST
@require_perm("people.manage")
def person_end(request, user_id: int):
    form = NoteForm(request.POST)
    return _person_act(request, user_id, form, "end_form", _("已结束任职"), lambda data: services.membership_end(
        manager=request.membership, user_id=user_id, note=data["note"]))


def _person_act(request, user_id: int, form, form_key: str, done: str, act):
    """A manager's action on a person: the form checked, the service run, its refusal shown on the form
    (what was typed kept), back to the person's page when done."""
    _person_or_404(request, user_id)
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("people:detail", user_id=user_id)
    return person_detail(request, user_id, **{form_key: form})


@never_cache
@require_POST
@require_perm("people.manage")
def person_password_reset(request, user_id: int):
    membership = _person_or_404(request, user_id)
    try:
        password = services.password_reset_by_manager(manager=request.membership, user_id=user_id)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("people:detail", user_id=user_id)
    return render(request, "people/one_time.html", {"person": membership.user, "password": password})


@never_cache
@login_required
def password_change(request):
    """Everyone's own password; the only page a one-time password reaches (tenants.PasswordChangeGate)."""
    form = PasswordChangeForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.method == "POST" and form.is_valid():
        try:
            user = services.password_change(user=request.user, tenant=request.tenant,
                                            old_password=form.cleaned_data["old_password"],
                                            new_password=form.cleaned_data["new_password"])
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            update_session_auth_hash(request, user)  # stay logged in here
            messages.success(request, _("密码已修改"))
            return redirect(next_url)
    return render(request, "people/password.html", {"form": form, "next": next_url[:500],
                                                    "forced": request.user.must_change_password})
