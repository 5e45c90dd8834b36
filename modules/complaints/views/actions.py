"""The steps a complaint's detail page offers, one small form each (C-03..C-19).

Each entry names the TRANSITIONS action it performs, the permission it needs, its form with the
choices it offers, and the service that does the work. Which steps are offered now is decided by the
TRANSITIONS table of the complaints module; the service checks again and has the last word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from core.permissions import has_perm
from modules.complaints import forms, models, services


@dataclass(frozen=True)
class Action:
    name: str  # key of models.TRANSITIONS
    label: str
    form: type
    service: str  # name in modules.complaints.services
    perm: str
    choices: Callable[..., dict] = field(default=lambda tenant: {})
    hint: str = ""

    def make_form(self, *, tenant, data=None, files=None):
        return self.form(data, files, prefix=self.name, **self.choices(tenant))

    def service_fn(self):
        return getattr(services, self.service)

    def kwargs(self, form) -> dict:
        return form.service_kwargs() if hasattr(form, "service_kwargs") else dict(form.cleaned_data)


def _assignees(tenant) -> dict:
    from modules.complaints.views.common import assignee_choices

    return {"assignees": assignee_choices(tenant)}


ACTIONS: list[Action] = [
    Action("handle_on_spot", _("当场处理"), forms.HandleOnSpotForm, "complaint_handle_on_spot",
           "complaints.handle", hint=_("C-03：当场解决，1小时内报值班中心，2小时内电话回复")),
    Action("assign", _("交办"), forms.AssignForm, "complaint_assign", "complaints.handle", _assignees),
    Action("classify", _("分类"), forms.ClassifyForm, "complaint_classify", "complaints.handle",
           lambda tenant: {"classes": models.CLASSIFICATIONS}),
    Action("referral", _("书面转交责任方"), forms.ReferralForm, "complaint_referral_add", "complaints.handle",
           lambda tenant: {"party_kinds": models.PARTY_KINDS}),
    Action("progress", _("告知进展"), forms.ProgressForm, "complaint_progress_add", "complaints.handle"),
    Action("reply", _("回复客户"), forms.ReplyForm, "complaint_reply", "complaints.handle",
           lambda tenant: {"methods": models.REPLY_METHODS}),
    Action("close", _("结案"), forms.CloseForm, "complaint_close", "complaints.handle"),
    Action("reopen_dissatisfied", _("客户不满意，转新投诉"), forms.ReopenForm, "complaint_reopen_dissatisfied",
           "complaints.handle"),
    Action("escalate", _("上报"), forms.EscalateForm, "complaint_escalate", "complaints.escalate_director",
           lambda tenant: {"levels": [lv for lv in models.LEVELS if lv[0] != models.LEVEL_OFFICE]}),
    Action("report_result", _("结果报总部"), forms.ReportResultForm, "complaint_report_result",
           "complaints.handle"),
    Action("spot_check", _("抽查"), forms.SpotCheckForm, "complaint_spot_check", "complaints.spot_check"),
    Action("note", _("备注"), forms.NoteForm, "complaint_note", "complaints.handle"),
]
ACTIONS_BY_NAME = {action.name: action for action in ACTIONS}


def action_get(name: str) -> Action | None:
    return ACTIONS_BY_NAME.get(name)


def allowed_now(action: Action, complaint) -> bool:
    """The TRANSITIONS table says whether this step exists from the current status."""
    return complaint.status in models.TRANSITIONS.get(action.name, {})


def actions_for(*, role: str, complaint) -> list[Action]:
    """ONLY the steps this role may take on this complaint now."""
    return [a for a in ACTIONS if has_perm(role, a.perm) and allowed_now(a, complaint)
            and _fits(a, complaint)]


def _fits(action: Action, complaint) -> bool:
    """Steps that only make sense for some complaints: the HQ report only for forwarded ones (C-16),
    referral and progress only for assisted ones (C-08). The service checks again."""
    if action.name == "report_result":
        return bool(complaint.hq_ref)
    if action.name in ("referral", "progress"):
        return complaint.classification == models.ASSISTED
    return True
