"""Special-services pages of an office (S-01..S-05): offers and bookings, a booking's steps, proposals,
the cashier's day sheet. Thin: each calls a service and shows its error on the form, keeping what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.permissions import has_perm
from core.web import apply_error, require_perm
from modules.services import forms, selectors, services
from modules.services import models as m
from modules.services.catalog.selectors import proposals_of_office
from modules.services.catalog.services import proposal_submit


def call(form, service, **kwargs):
    """Run `service`; an ApplicationError lands on the form (never a 500). The result, or None."""
    try:
        return service(**kwargs)
    except ApplicationError as exc:
        apply_error(form, exc)
        return None


def _role(request) -> str:
    return request.membership.role


@require_perm("services.view")
def home(request):
    """S-02/S-03: what the office offers (the office manager turns items on and off) and its bookings."""
    role = _role(request)
    overview = selectors.offer_overview()
    can_book = has_perm(role, "services.book")
    form = forms.BookingForm(request.POST if request.method == "POST" and can_book else None,
                             items=[row for row in overview if row["offered"] and row["open"] and row["rate"]])
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        booking = call(form, services.booking_create, user=request.user, **data)
        if booking is not None:
            messages.success(request, _("已登记预约 %(number)s") % {"number": booking.number})
            return redirect("services:booking", pk=booking.pk)
    status = request.GET.get("status", "")
    status = status if status in dict(m.STATUSES) else ""
    flag = request.GET.get("flag", "")
    flag = flag if flag in selectors.DESK_FILTERS else ""
    page = Paginator(selectors.booking_list(status=status, flag=flag), 25).get_page(request.GET.get("page"))
    return render(request, "services/home.html", {
        "overview": overview, "form": form if can_book else None, "page": page, "statuses": m.STATUSES,
        "status": status, "flag": flag, "can_offer": has_perm(role, "services.offer"),
        "can_announce": has_perm(role, "services.announce"), "can_figures": has_perm(role, "services.figures"),
        "can_cashier": has_perm(role, "services.cashier")})


@require_perm("services.announce")
def announce(request):
    """S-02/F-06: the offered items and rates published as one notice on the board, in one step."""
    if request.method != "POST":
        return redirect("services:home")
    try:
        notice = services.offers_announce(user=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("services:home")
    messages.success(request, _("已发布服务公告"))
    return redirect("frontdesk:notice", pk=notice.pk)


@require_perm("services.offer")
def offer(request, item_id: int):
    if request.method == "POST":
        try:
            services.offer_set(item_id=item_id, active=request.POST.get("active") == "1", user=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return redirect("services:home")


ACTIONS = {  # action → (form, permission, service call)
    "quote": (forms.QuoteForm, "services.book"),
    "deposit": (forms.DepositForm, "services.cashier"),
    "work": (forms.WorkForm, "services.work"),
    "confirm": (forms.ConfirmForm, "services.work"),
    "check": (forms.CheckForm, "services.check"),
    "settle": (forms.SettleForm, "services.cashier"),
    "cancel": (forms.CancelForm, "services.book"),
    "reverse": (forms.ReverseForm, "services.cashier"),
    "dispatch": (forms.DispatchForm, "services.dispatch"),
    "evaluate": (forms.EvaluateForm, "services.check"),
}


def _run(request, action: str, booking, data: dict):
    user, role = request.user, _role(request)
    if action == "quote":
        return services.booking_quote(booking_id=booking.pk, user=user, quantity=data["quantity"] or None,
                                      note=data["note"])
    if action == "deposit":
        return services.booking_deposit(booking_id=booking.pk, user=user, role=role, **data)
    if action == "work":
        materials = []
        if data.get("material_name"):
            materials = [{"name": data["material_name"], "quantity": data["material_quantity"],
                          "unit_price": data["material_price"]}]
        return services.booking_record_work(booking_id=booking.pk, user=user, worker_name=data["worker_name"],
                                            hours=data["hours"], description=data["description"], materials=materials)
    if action == "confirm":
        return services.booking_confirm(booking_id=booking.pk, user=user, **data)
    if action == "check":
        return services.booking_check(booking_id=booking.pk, user=user, **data)
    if action == "settle":
        return services.booking_settle(booking_id=booking.pk, user=user, role=role, **data)
    if action == "cancel":
        return services.booking_cancel(booking_id=booking.pk, user=user, **data)
    if action in ("dispatch", "evaluate"):
        from modules.services import dispatch

        if action == "dispatch":
            return dispatch.booking_dispatch(booking_id=booking.pk, user=user, **data)
        return dispatch.booking_evaluate(booking_id=booking.pk, user=user, **data)
    if not booking.money.filter(pk=data["entry_id"]).exists():
        raise Http404("no such entry")
    return services.money_reverse(entry_id=data["entry_id"], user=user, role=role, receipt_no=data["receipt_no"],
                                  reason=data["reason"])


@require_perm("services.view")
def booking(request, pk: int):
    """A booking and the next steps the user's role may take (S-05: money only for the cashier)."""
    found = selectors.booking_get(booking_id=pk)
    if found is None:
        raise Http404("no such booking")
    role = _role(request)
    posted = request.POST.get("action") if request.method == "POST" else None
    action_forms = {}
    for action, (form_class, perm) in ACTIONS.items():
        if not has_perm(role, perm):
            continue
        bound = posted == action
        form = form_class(request.POST if bound else None, prefix=action)
        if bound and form.is_valid() and call(form, _run, request=request, action=action, booking=found,
                                              data=form.cleaned_data) is not None:
            messages.success(request, _("已保存"))
            return redirect("services:booking", pk=pk)
        action_forms[action] = form
    if posted and posted not in action_forms:
        raise Http404("no such action")
    evaluable = (m.CONFIRMED, m.CHECKED, m.SETTLED)
    allowed = {a for a in action_forms if a == "reverse" or (a == "evaluate" and found.status in evaluable)
               or (a != "evaluate" and found.status in m.TRANSITIONS[{"work": "record_work"}.get(a, a)])}
    if found.quoted_at is None:  # S-03: the cashier takes money once the desk has quoted
        allowed.discard("deposit")
    else:
        allowed.discard("quote")
    return render(request, "services/booking.html", {
        **selectors.booking_detail(found), "forms": {a: f for a, f in action_forms.items() if a in allowed},
        "paid": services.booking_paid_in(found)}, status=400 if posted else 200)


@require_perm("services.propose")
def proposals(request):
    """S-01: the office manager proposes an item, a rate or a stop, with the residents' survey result."""
    overview = selectors.offer_overview()
    form = forms.ProposalForm(request.POST or None, items=overview)
    if request.method == "POST" and form.is_valid():
        if call(form, proposal_submit, office=connection.tenant, user=request.user, **form.cleaned_data):
            messages.success(request, _("已报总经理审批"))
            return redirect("services:proposals")
    return render(request, "services/proposals.html", {
        "form": form, "rows": proposals_of_office(office_id=connection.tenant.pk)[:100]})


@require_perm("services.cashier")
def day_sheet(request):
    """S-05: the cashier's day sheet, reconciled from the entries."""
    from core.dateinput import BoundedDateField

    try:
        day = BoundedDateField(required=False).clean(request.GET.get("day") or None)
    except Exception:  # noqa: BLE001 - a bad ?day= shows today
        day = None
    return render(request, "services/day_sheet.html", selectors.cashier_day_sheet(day=day))


@require_perm("services.figures")
def figures(request):
    """S-06: revenue, cost and margin per item for a month; an item at a loss shows the manager's options
    (seed 002 §4.3.3: win more users, propose a higher rate, propose stopping it)."""
    from django import forms as django_forms

    from core.dateinput import MonthField
    from modules.services.catalog.selectors import local_day

    try:
        month = MonthField(required=False).clean(request.GET.get("month") or None)
    except django_forms.ValidationError:
        month = None
    month = month or local_day().replace(day=1)
    rows = selectors.item_month_figures(month=month)
    if request.GET.get("as") == "xlsx":  # S-06: the same rows as .xlsx
        from django.http import FileResponse

        from modules.services.export import margin_xlsx

        return FileResponse(margin_xlsx(month=month, rows=rows), as_attachment=True,
                            filename=f"services-{month:%Y-%m}.xlsx")
    return render(request, "services/figures.html", {
        "month": month, "rows": rows, "workers": selectors.evaluations_by_worker(month=month),
        "subcontractors": selectors.evaluations_by_subcontractor(month=month)})


@require_perm("services.view")
def subcontractors(request):
    """S-04: the subcontractor register with each one's average evaluation; supervisors add and suspend."""
    from modules.services import dispatch

    can_edit = has_perm(_role(request), "services.subcontractors")
    form = forms.SubcontractorForm(request.POST or None) if can_edit else None
    if request.method == "POST" and not can_edit:
        raise Http404("no such page")
    if request.method == "POST" and request.POST.get("status"):
        sub_id = request.POST.get("subcontractor") or ""
        try:
            dispatch.subcontractor_set_status(subcontractor_id=int(sub_id) if sub_id.isdigit() else 0,
                                              status=request.POST["status"], user=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("services:subcontractors")
    if form is not None and form.is_bound and form.is_valid():
        if call(form, dispatch.subcontractor_register, user=request.user, **form.cleaned_data):
            return redirect("services:subcontractors")
    return render(request, "services/subcontractors.html", {"form": form, "rows": selectors.subcontractor_list(),
                                                            "can_edit": can_edit})
