"""Chinese labels for the front desk's event rows (`dispatch`, `accepted → done`): the codes stay in
the Event table, pages show the names from the models' choices (gettext, translated in English)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from modules.frontdesk.models import custody, desk, inspections, notices, work

register = template.Library()

ACTION_LABELS = {
    "register": _("登记"), "dispatch": _("派单"), "accept": _("接单"), "done": _("完成"), "verify": _("验证通过"),
    "reject": _("验证不通过（返工）"), "cancel": _("取消"), "overdue": _("超时"), "receive": _("接收保管"),
    "return": _("领取"), "lose": _("遗失/损坏"), "record": _("登记"), "report": _("告知住户"),
    "resolve": _("处理完毕"), "check_in": _("来访登记"), "check_out": _("离开"), "start": _("开始巡查"),
    "finding": _("发现问题"), "submit": _("提交"), "review": _("审核"), "create": _("创建"),
    "publish": _("发布"), "withdraw": _("撤回"), "callback_reached": _("回电已联系上"),
    "callback_unreached": _("回电未接通"),
}

# the states an event names, by its entity (`open` is 未回电 for a call but 巡查中 for an inspection)
STATE_LABELS = {
    "contact": dict(desk.OUTCOMES), "missedcall": dict(desk.CALL_STATUSES), "visitor": dict(desk.VISITOR_STATUSES),
    "workorder": dict(work.STATUSES), "custody": dict(custody.ITEM_STATUSES),
    "custody_incident": dict(custody.INCIDENT_STATUSES), "inspection": dict(inspections.STATUSES),
    "notice": dict(notices.STATUSES),
}


@register.filter
def fd_action_label(event) -> str:
    return str(ACTION_LABELS.get(event.action, event.action))


@register.filter
def fd_state_label(event, which: str = "to") -> str:
    code = event.from_state if which == "from" else event.to_state
    return str(STATE_LABELS.get(event.entity, {}).get(code, code)) if code else ""
