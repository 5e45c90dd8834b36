"""What the complaint pages share: loading a complaint for the user, calling a service with its
errors shown on the form, and the choice lists the forms offer."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from core.errors import ApplicationError, NotFound
from core.web import apply_error
from core.workbench import remaining_label  # noqa: F401  (the queue's countdown text)
from modules.catalog.selectors import setting_value
from modules.complaints import selectors


def complaint_for(request, pk: int):
    """The complaint `pk` of this office as the user may see it; 404 otherwise (DESIGN.md conv. 6)."""
    try:
        return selectors.complaint_get(pk=pk)
    except NotFound as exc:
        raise Http404("no such complaint") from exc


def call_service(form, service, **kwargs):
    """Run `service`; an ApplicationError lands on the form (never a 500). Returns the result or None."""
    try:
        return service(**kwargs)
    except ApplicationError as exc:
        apply_error(form, exc)
        return None


def category_choices() -> list[tuple[str, str]]:
    """C-02: the group's list of complaint categories."""
    return [(key, label) for key, label in setting_value("complaint.categories")]


def actor_name(user) -> str:
    """The name people know someone by: 姓名 (display_name), else the full name, else the login."""
    display = getattr(user, "display_name", "") or ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return display or full or user.get_username()


def assignee_choices(tenant) -> list[tuple[str, str]]:
    """C-04: the office's people who handle complaints, by name (姓名) and role, the role named in the
    active language (role_label reads the lazy label at call time)."""
    from core.permissions import role_label

    return [(str(h["user_id"]), f"{actor_name(h['user'])}（{role_label(h['role'])}）")
            for h in selectors.complaint_handler_list(tenant=tenant)]


def staff_choices(tenant) -> list[tuple[str, str]]:
    """C-20/A-04: the office's people a complaint can name (the classify form's optional picker)."""
    from core.permissions import role_label

    return [(str(h["user_id"]), f"{actor_name(h['user'])}（{role_label(h['role'])}）")
            for h in selectors.office_staff_list(tenant=tenant)]


def channel_choices(*, staff: bool) -> list[tuple[str, str]]:
    """C-01 channels; staff register every channel except the residents' own online form."""
    from modules.complaints.models import CHANNELS

    return [c for c in CHANNELS if not staff or c[0] != "online"]


def building_choices() -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in selectors.complaint_building_list()]


EVENT_LABELS = {
    "registered": _("登记"), "assigned": _("交办"), "handled_on_spot": _("当场处理"), "classified": _("分类"), "reclassified": _("更正分类"),
    "referred": _("书面转交责任方"), "progress": _("告知进展"), "escalated": _("上报"), "replied": _("回复客户"),
    "closed": _("结案"), "reopened": _("客户不满意，转新投诉"), "result_reported": _("结果报总部"),
    "note": _("备注"), "hq_instruction": _("总部指示"), "spot_checked": _("主任抽查"),
    "overdue": _("超时"), "due_soon": _("即将到期"), "onspot_reported": _("报值班中心"),
    "linked_incident": _("归入事件"), "collective": _("成为集体投诉"),
    "collective_reported_director": _("集体投诉已报管理处主任"),
    "collective_notified_hq": _("集体投诉已报副总经理及总部投诉中心"),
    "category_corrected": _("更正类别"),
}
def staff_events(snapshot: dict) -> list[dict]:
    return [_event(e) for e in snapshot["events"]]


def public_events(*, number: str, phone: str) -> list[dict]:
    """The resident's timeline (selectors.complaint_public_timeline), each line labelled with its stage's
    word (models.PUBLIC_STAGES), never an internal step or status."""
    from django.utils.dateparse import parse_datetime

    from modules.complaints.models import PUBLIC_STAGES

    words = dict(PUBLIC_STAGES)
    return [{"at": parse_datetime(e["at"]), "label": words[e["stage"]]}
            for e in selectors.complaint_public_timeline(number=number, phone=phone)]


def _event(event: dict) -> dict:
    from django.utils.dateparse import parse_datetime

    from modules.complaints.models import STATUSES

    statuses = dict(STATUSES)
    return {**event, "at": parse_datetime(event["at"]), "label": EVENT_LABELS.get(event["kind"], event["kind"]),
            "from_label": statuses.get(event["from"], ""), "to_label": statuses.get(event["to"], "")}
