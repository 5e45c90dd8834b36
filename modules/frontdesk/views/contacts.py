"""F-01 the visit/call register page."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.permissions import has_perm
from core.web import require_perm
from modules.frontdesk.filters import SearchFilter
from modules.frontdesk.forms import ContactForm
from modules.frontdesk.selectors import contact_get, contact_list, events_of
from modules.frontdesk.services import ContactInput, contact_register
from modules.frontdesk.views.common import get_or_404, page_of, submit


@require_perm("frontdesk.view")
def contacts(request):
    can_register = has_perm(request.membership.role, "frontdesk.register")
    form = ContactForm(request.POST or None)
    if can_register:
        done = submit(request, form, lambda data: contact_register(user=request.user, data=ContactInput(**data)),
                      success=_("已登记"), to=lambda c: reverse("frontdesk:contact", args=[c.pk]))
        if done:
            return done
    search = SearchFilter(request.GET)
    q = search.values()["q"]
    return render(request, "frontdesk/contacts.html", {
        "form": form if can_register else None, "page": page_of(request, contact_list(q=q)), "q": q,
        "filter": search}, status=400 if search.errors else 200)


@require_perm("frontdesk.view")
def contact_detail(request, pk: int):
    contact = get_or_404(contact_get, pk=pk)
    return render(request, "frontdesk/contact_detail.html", {
        "contact": contact, "events": events_of(entity="contact", entity_id=contact.pk)})
