"""End of day, week and month (D-07): register and signature, weekly check, archive and export."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.web import require_perm
from modules.duty import selectors, shifts
from modules.duty.export import month_log_xlsx
from modules.duty.services import day as day_svc
from modules.duty.views.common import attempt, can, parse_day, parse_month, query_period, run, with_source


def _today():
    return shifts.local_date(timezone.now())


@require_perm("duty.view")
def day_view(request):
    return _render_day(request, query_period(request)["day"] or _today())


def _render_day(request, day, *, typed=None, status: int = 200):
    register = selectors.day_register(day=day)
    context = {**register, "log": with_source(selectors.day_log(day=day)),
               "linked_rows": with_source(register["linked"]), "prev": day - timedelta(days=1), "next": day + timedelta(days=1),
               "instances": selectors.day_instances(day=day),
               "can_sign": can(request, "duty.approve"), "typed": typed or {}}
    return render(request, "duty/day.html", context, status=status)


@require_perm("duty.approve")
@require_POST
def day_sign_view(request):
    day = parse_day(request.POST.get("day"), None)
    _done, refused = attempt(request, day_svc.day_sign, day=day, note=request.POST.get("note", ""))
    if refused:
        return _render_day(request, day or _today(), typed=request.POST, status=refused)
    messages.success(request, _("当日记录已签字"))
    return redirect(f"{reverse('duty:day')}?day={day or ''}")


@require_perm("duty.view")
def week_view(request):
    return _render_week(request, shifts.week_start(query_period(request)["week"] or _today()))


def _render_week(request, week, *, typed=None, status: int = 200):
    context = {**selectors.week_overview(week_start=week), "prev": week - timedelta(days=7),
               "next": week + timedelta(days=7), "can_check": can(request, "duty.check_week"),
               "typed": typed or {}}
    return render(request, "duty/week.html", context, status=status)


@require_perm("duty.check_week")
@require_POST
def week_check_view(request):
    week = parse_day(request.POST.get("week_start"), None)
    _done, refused = attempt(request, day_svc.week_check, week_start=week, note=request.POST.get("note", ""))
    if refused:
        return _render_week(request, shifts.week_start(week or _today()), typed=request.POST, status=refused)
    messages.success(request, _("本周已检查"))
    return redirect(f"{reverse('duty:week')}?week={week or ''}")


def last_archivable_month():
    """D-07: the last month that can be archived — the month before this one (a month is archived once
    it is over)."""
    return (_today().replace(day=1) - timedelta(days=1)).replace(day=1)


@require_perm("duty.view")
def archive_view(request):
    """D-06/D-07: opens on the last month that can be archived; a month not over yet says so."""
    month = query_period(request)["month"] or last_archivable_month()
    return render(request, "duty/archive.html", {
        "month": month, "archives": selectors.month_archives()[:24], "count": selectors.month_log(month=month).count(),
        "archived": selectors.month_archive_get(month=month), "can_archive": can(request, "duty.archive"),
        "over": shifts.next_month(month) <= _today()})


@require_perm("duty.archive")
@require_POST
def archive_month_view(request):
    month = parse_month(request.POST.get("month"), _today())
    run(request, day_svc.month_archive, _("%(month)s 值班记录已归档") % {"month": f"{month:%Y-%m}"}, month=month)
    return redirect(f"{reverse('duty:archive')}?month={month:%Y-%m}")


@require_perm("duty.view")
def export_view(request):
    """D-06/D-07: the month's 值班记录表 as .xlsx, streamed from a temporary file."""
    month = query_period(request)["month"] or _today().replace(day=1)
    return FileResponse(month_log_xlsx(month=month), as_attachment=True,
                        filename=f"值班记录表-{month:%Y-%m}.xlsx",
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
