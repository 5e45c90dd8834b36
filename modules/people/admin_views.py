"""The group administrators' view of people (R-03, R-04) on the apex host: every office's people, paged
and searchable; lock and unlock an account everywhere at once; reset a password."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.web import require_perm
from modules.people import selectors, services
from modules.people.forms import NoteForm, PeopleSearchForm


@require_perm("people.admin")
def group_people(request):
    form = PeopleSearchForm(request.GET or None)
    q = form.cleaned_data.get("q", "") if form.is_valid() else ""
    page = Paginator(selectors.group_people(q=q), 50).get_page(request.GET.get("page"))
    return render(request, "people/group_list.html", {"page": page, "q": q})


def _user_or_404(user_id: int):
    user = selectors.user_get_for_admin(user_id=user_id)
    if user is None:
        raise Http404("no such account")
    return user


@require_perm("people.admin")
def group_person(request, user_id: int):
    user = _user_or_404(user_id)
    return render(request, "people/group_detail.html", {
        "person": user, "memberships": selectors.memberships_of_user(user=user),
        "events": selectors.account_events(user=user), "note_form": NoteForm(), "is_self": user.pk == request.user.pk,
    })


def _admin_action(request, user_id: int, action, done: str):
    _user_or_404(user_id)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        action(admin=request.user, tenant=request.tenant, user_id=user_id, note=note)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("people-admin:detail", user_id=user_id)


@require_POST
@require_perm("people.admin")
def group_person_lock(request, user_id: int):
    return _admin_action(request, user_id, services.user_lock, _("账号已锁定"))


@require_POST
@require_perm("people.admin")
def group_person_unlock(request, user_id: int):
    return _admin_action(request, user_id, services.user_unlock, _("账号已解锁"))


@never_cache
@require_POST
@require_perm("people.admin")
def group_person_password_reset(request, user_id: int):
    user = _user_or_404(user_id)
    try:
        password = services.password_reset_by_admin(admin=request.user, tenant=request.tenant, user_id=user_id)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("people-admin:detail", user_id=user_id)
    return render(request, "people/one_time.html", {"person": user, "password": password,
                                                    "back": "people-admin:detail"})
