"""F-06 / M-01 notices: draft, publish before the event, withdraw."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.web import require_perm
from modules.frontdesk.forms import NoticeForm, PublishForm, WithdrawForm
from modules.frontdesk.models import notices as n
from modules.frontdesk.selectors import events_of, notice_get, notice_list
from modules.frontdesk.services import NoticeInput, notice_create, notice_publish, notice_withdraw
from modules.frontdesk.views.common import act, get_or_404, kept_form, page_of, submit


@require_perm("frontdesk.notices")
def notices(request):
    form = NoticeForm(request.POST or None)
    done = submit(request, form, lambda data: notice_create(user=request.user, data=NoticeInput(**data)),
                  success=_("通知已保存为草稿"), to=lambda x: reverse("frontdesk:notice", args=[x.pk]))
    if done:
        return done
    return render(request, "frontdesk/notices.html", {"form": form, "page": page_of(request, notice_list())})


@require_perm("frontdesk.notices")
def notice_detail(request, pk: int):
    notice = get_or_404(notice_get, pk=pk)
    return render(request, "frontdesk/notice_detail.html", {
        "notice": notice, "events": events_of(entity="notice", entity_id=notice.pk),
        "publish_form": kept_form(request, PublishForm) if notice.status == n.DRAFT else None,
        "withdraw_form": kept_form(request, WithdrawForm) if notice.status == n.PUBLISHED else None})


@require_perm("frontdesk.notices")
def notice_publish_view(request, pk: int):
    return act(request, PublishForm(request.POST), lambda data: notice_publish(
        notice_id=pk, user=request.user, **data), success=_("通知已发布"), back=reverse("frontdesk:notice", args=[pk]))


@require_perm("frontdesk.notices")
def notice_withdraw_view(request, pk: int):
    return act(request, WithdrawForm(request.POST), lambda data: notice_withdraw(
        notice_id=pk, user=request.user, **data), success=_("通知已撤回"), back=reverse("frontdesk:notice", args=[pk]))
