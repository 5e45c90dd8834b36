"""The steps a complaint's detail page offers, one small form each (C-03..C-19).

Each entry names the step (a key of modules.complaints.rules.ACTION_PERMS), its form with the
choices it offers, and the service that does the work. Which steps are offered now is decided by
one selector, `complaint_actions_available` (TRANSITIONS + permissions + the services' own
preconditions); the service checks again and has the last word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from modules.complaints import forms, models, rules, services
from modules.complaints.selectors import complaint_actions_available


@dataclass(frozen=True)
class Action:
    name: str  # key of rules.ACTION_PERMS
    label: str
    form: type
    service: str  # name in modules.complaints.services
    choices: Callable[..., dict] = field(default=lambda **ctx: {})  # ctx: tenant, role, complaint
    hint: str = ""
    confirm: str = ""  # issue 9 §3.12: an irreversible step asks first (data-confirm, core/app.js)
    call: Callable | None = None  # calls the service when its keywords differ from (complaint_id, user, ...)

    @property
    def perm(self) -> str:
        return rules.ACTION_PERMS[self.name]

    @property
    def transition(self) -> str:
        return rules.ACTION_TRANSITION.get(self.name, self.name)

    def make_form(self, *, tenant, role: str | None = None, complaint=None, data=None, files=None):
        choices = self.choices(tenant=tenant, role=role, complaint=complaint)
        return self.form(data, files, prefix=self.name, **choices)

    def service_fn(self):
        return self.call or getattr(services, self.service)

    def kwargs(self, form) -> dict:
        return form.service_kwargs() if hasattr(form, "service_kwargs") else dict(form.cleaned_data)


def _assignees(*, tenant, **ctx) -> dict:
    from modules.complaints.views.common import assignee_choices

    return {"assignees": assignee_choices(tenant)}


def escalation_levels(*, role: str | None, complaint) -> list[tuple[str, str]]:
    """C-11: only the next level up, and only when this role may send it there (the director alone
    sends a complaint to head office)."""
    level = rules.escalation_target(role=role, complaint=complaint) if complaint is not None else None
    return [(key, label) for key, label in models.LEVELS if level is not None and key == level]


def _reply_choices(*, complaint, **ctx) -> dict:
    """C-03/C-10/C-12: only the methods the rules leave; a written complaint's letter is required."""
    if complaint is None:
        return {"methods": models.REPLY_METHODS}
    allowed = rules.reply_methods_allowed(complaint)
    return {"methods": [(key, label) for key, label in models.REPLY_METHODS if key in allowed],
            "letter_required": rules.reply_needs_letter(complaint)}


def _categories(*, complaint, **ctx) -> dict:
    """C-02: the group's category list, without the complaint's current category."""
    from modules.complaints.views.common import category_choices

    return {"categories": category_choices(), "current": complaint.category if complaint is not None else ""}


def _category_correct(*, complaint_id: int, user, category: str, reason: str):
    return services.complaint_category_correct(complaint=complaint_id, category=category, reason=reason, by=user)


def _classify_choices(*, tenant, **ctx) -> dict:
    """C-05 classes; C-20/A-04: the office's people the complaint (or a praise) may name."""
    from modules.complaints.views.common import staff_choices

    return {"classes": models.CLASSIFICATIONS, "staff": staff_choices(tenant)}


def _incidents(**ctx) -> dict:
    from modules.complaints import selectors

    return {"incidents": selectors.incident_choices()}


ACTIONS: list[Action] = [
    Action("handle_on_spot", _("当场处理"), forms.HandleOnSpotForm, "complaint_handle_on_spot",
           hint=_("当场解决，按时报值班中心并电话回复")),  # C-03
    Action("assign", _("交办"), forms.AssignForm, "complaint_assign", _assignees),
    Action("classify", _("分类"), forms.ClassifyForm, "complaint_classify", _classify_choices),
    Action("referral", _("书面转交责任方"), forms.ReferralForm, "complaint_referral_add",
           lambda **ctx: {"party_kinds": models.PARTY_KINDS}),
    Action("progress", _("告知进展"), forms.ProgressForm, "complaint_progress_add"),
    Action("reply", _("回复客户"), forms.ReplyForm, "complaint_reply", _reply_choices),
    Action("close", _("结案"), forms.CloseForm, "complaint_close",
           confirm=_("结案后不能再处理这条投诉，确定结案吗？")),
    Action("reopen_dissatisfied", _("客户不满意，转新投诉"), forms.ReopenForm, "complaint_reopen_dissatisfied",
           confirm=_("将结束这条投诉并登记一条新投诉，确定吗？")),
    Action("escalate", _("上报"), forms.EscalateForm, "complaint_escalate",
           lambda *, role, complaint, **ctx: {"levels": escalation_levels(role=role, complaint=complaint)},
           confirm=_("上报后不能撤回，确定上报吗？")),
    Action("link_incident", _("归入事件（同一事项）"), forms.LinkIncidentForm, "complaint_link_incident",
           _incidents, hint=_("多户就同一事项同时投诉，达到规定户数即为集体投诉")),  # C-10
    Action("report_director", _("集体投诉：已报管理处主任"), forms.CollectiveStepForm,
           "complaint_collective_report_director",
           hint=_("值班员报告管理处主任，事件内所有投诉一并记录")),  # C-10
    Action("notify_hq", _("集体投诉：已报副总经理及总部投诉中心"), forms.CollectiveStepForm,
           "complaint_collective_notify_hq",
           hint=_("主任报告副总经理及总部投诉中心")),  # C-10
    Action("report_result", _("结果报总部"), forms.ReportResultForm, "complaint_report_result",
           confirm=_("处理结果报总部后不能修改，确定提交吗？")),
    Action("spot_check", _("抽查"), forms.SpotCheckForm, "complaint_spot_check"),
    Action("category_correct", _("更正类别"), forms.CategoryCorrectForm, "complaint_category_correct",
           _categories, hint=_("登记时选错类别时更正；原类别和更正原因记入处理记录"), call=_category_correct),
    Action("note", _("备注"), forms.NoteForm, "complaint_note"),
]
ACTIONS_BY_NAME = {action.name: action for action in ACTIONS}


def action_get(name: str) -> Action | None:
    return ACTIONS_BY_NAME.get(name)


def allowed_now(action: Action, complaint) -> bool:
    """The TRANSITIONS table says whether this step exists from the current status."""
    return complaint.status in models.TRANSITIONS.get(action.transition, {})


def actions_for(*, role: str, complaint) -> list[Action]:
    """ONLY the steps this role may take on this complaint now (complaint_actions_available)."""
    return [ACTIONS_BY_NAME[name] for name in complaint_actions_available(complaint, role)
            if name in ACTIONS_BY_NAME]


# the complaint's next step (C-17) → the action that does it (issue 9 §3.5: shown first, open)
STEP_ACTIONS = {
    models.STEP_CLASSIFY: "classify", models.STEP_REPLY: "reply", models.STEP_EXPLAIN: "reply",
    models.STEP_REFERRAL: "referral", models.STEP_PROGRESS: "progress", models.STEP_REPORT_DUTY: "reply",
    models.STEP_REPORT_DIRECTOR: "report_director", models.STEP_NOTIFY_HQ: "notify_hq",
    models.STEP_REPORT_RESULT: "report_result", models.STEP_CLOSE: "close",
}


def primary_action(*, complaint, offered: list[str]) -> str:
    """The action of the complaint's next step when it is offered to this user now; "" else (then
    every action stays folded)."""
    name = STEP_ACTIONS.get(complaint.next_step, "")
    return name if name in offered else ""
