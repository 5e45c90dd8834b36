"""Complaints 投诉 (C-01..C-19), office schema.

A Complaint moves through STATUSES by the actions of TRANSITIONS; every action writes one
ComplaintEvent (C-15). Nothing here is deleted: corrections are new events, replies, referrals."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

# --- statuses -----------------------------------------------------------------------------------
REGISTERED = "registered"  # C-02 registered, nobody has taken it yet
ASSIGNED = "assigned"  # C-04 handed to the duty officer / CS staff
ON_SPOT = "on_spot"  # C-03 solved on the spot, phone reply still to be made
IN_PROGRESS = "in_progress"  # C-05 classified and being handled
REPLIED = "replied"  # C-12 the customer got the reply: handling completed
CLOSED = "closed"  # C-14 closed with the customer satisfied
REOPENED = "reopened"  # C-13 customer dissatisfied: a new complaint carries it on

STATUSES = [
    (REGISTERED, _("已登记")), (ASSIGNED, _("已交办")), (ON_SPOT, _("当场处理")),
    (IN_PROGRESS, _("处理中")), (REPLIED, _("已回复")), (CLOSED, _("已结案")), (REOPENED, _("不满意转新投诉")),
]
OPEN_STATUSES = (REGISTERED, ASSIGNED, ON_SPOT, IN_PROGRESS, REPLIED)

# --- what a resident reads (the public page, C-01): one word per stage, never an internal step ---------
PUBLIC_RECEIVED, PUBLIC_IN_HAND, PUBLIC_REPLIED, PUBLIC_DONE, PUBLIC_CARRIED_ON = (
    "received", "in_hand", "replied", "done", "carried_on")
PUBLIC_STAGES = [
    (PUBLIC_RECEIVED, _("已受理")), (PUBLIC_IN_HAND, _("处理中")), (PUBLIC_REPLIED, _("已回复")),
    (PUBLIC_DONE, _("已办结")), (PUBLIC_CARRIED_ON, _("已转为新投诉处理")),
]
PUBLIC_STAGE_OF_STATUS = {
    REGISTERED: PUBLIC_RECEIVED, ASSIGNED: PUBLIC_RECEIVED, ON_SPOT: PUBLIC_IN_HAND, IN_PROGRESS: PUBLIC_IN_HAND,
    REPLIED: PUBLIC_REPLIED, CLOSED: PUBLIC_DONE, REOPENED: PUBLIC_CARRIED_ON,
}
# the one mapping from an event to what the resident reads; an event kind not listed here (hand-over to a
# person, a corrected category, notes, escalations, spot checks, clocks) is internal and never shown
PUBLIC_STAGE_OF_EVENT = {
    "registered": PUBLIC_RECEIVED, "handled_on_spot": PUBLIC_IN_HAND, "classified": PUBLIC_IN_HAND,
    "referred": PUBLIC_IN_HAND, "progress": PUBLIC_IN_HAND, "replied": PUBLIC_REPLIED, "closed": PUBLIC_DONE,
    "reopened": PUBLIC_CARRIED_ON,
}
_ACTIVE = (REGISTERED, ASSIGNED, IN_PROGRESS)
_ANY = (REGISTERED, ASSIGNED, ON_SPOT, IN_PROGRESS, REPLIED, CLOSED, REOPENED)


def _same(*statuses: str) -> dict[str, str]:
    return {s: s for s in statuses}


# action → {from status: to status}. An action missing for the current status is refused (409).
TRANSITIONS: dict[str, dict[str, str]] = {
    "assign": {REGISTERED: ASSIGNED, ASSIGNED: ASSIGNED, IN_PROGRESS: IN_PROGRESS},  # C-04
    "handle_on_spot": {REGISTERED: ON_SPOT},  # C-03
    "classify": {REGISTERED: IN_PROGRESS, ASSIGNED: IN_PROGRESS, IN_PROGRESS: IN_PROGRESS},  # C-05
    "referral": _same(IN_PROGRESS),  # C-08
    "progress": _same(IN_PROGRESS),  # C-08
    "escalate": _same(*_ACTIVE),  # C-11
    "link_incident": _same(*_ACTIVE),  # C-10
    "collective_step": _same(*_ACTIVE),  # C-10
    "reply": {ON_SPOT: REPLIED, IN_PROGRESS: REPLIED, REPLIED: REPLIED},  # C-12
    "close": {REPLIED: CLOSED},  # C-14
    "reopen_dissatisfied": {REPLIED: REOPENED, CLOSED: REOPENED},  # C-13; V-05: a closed one's return visit
    "report_result": _same(REPLIED, CLOSED),  # C-16
    "note": _same(*_ANY),  # C-15
    "category_correct": _same(*OPEN_STATUSES),  # C-02/C-15: a correction while not closed (issue 9 §3.5)
    "hq_instruction": _same(*_ANY),  # C-16
    "spot_check": _same(*_ANY),  # C-19
}

# --- choices --------------------------------------------------------------------------------------
CHANNELS = [  # C-01
    ("phone", _("电话")), ("visit", _("来访")), ("letter", _("信函")), ("email", _("电子邮件")),
    ("fax", _("传真")), ("hq_hotline", _("总部热线")), ("online", _("网上投诉")),
    ("suggestion_box", _("意见箱")), ("inspection", _("巡查发现")),
]
# C-12 (seed 000: 对客户的书面投诉必须同时以书面方式和其他方式回复客户): complaints made in writing
WRITTEN_CHANNELS = ("letter", "fax", "email", "suggestion_box", "online")
VALID, ASSISTED, INVALID = "valid", "assisted", "invalid"
CLASSIFICATIONS = [(VALID, _("有效投诉")), (ASSISTED, _("协助处理投诉")), (INVALID, _("无效投诉"))]
REPLY_METHODS = [("phone", _("电话")), ("home_visit", _("上门拜访")), ("written", _("书面"))]
PARTY_KINDS = [("developer", _("发展商")), ("utility", _("公用事业单位")), ("government", _("政府部门"))]
LEVEL_OFFICE, LEVEL_DIRECTOR, LEVEL_HQ = "office", "director", "hq"
LEVELS = [(LEVEL_OFFICE, _("客服")), (LEVEL_DIRECTOR, _("管理处主任")), (LEVEL_HQ, _("总部投诉中心"))]
# C-11 the ladder, one level at a time, and the permission each level up needs
NEXT_LEVEL = {LEVEL_OFFICE: LEVEL_DIRECTOR, LEVEL_DIRECTOR: LEVEL_HQ}
LEVEL_PERM = {LEVEL_DIRECTOR: "complaints.escalate_director", LEVEL_HQ: "complaints.escalate_hq"}
SATISFACTION = [("satisfied", _("满意")), ("dissatisfied", _("不满意"))]

# next required step (C-17)
STEP_CLASSIFY, STEP_REPLY, STEP_REFERRAL, STEP_PROGRESS = "classify", "reply", "referral", "progress"
STEP_EXPLAIN, STEP_REPORT_DUTY = "explain", "report_duty"
STEP_REPORT_DIRECTOR, STEP_NOTIFY_HQ, STEP_REPORT_RESULT = "report_director", "notify_hq", "report_result"
STEP_CLOSE = "close"
STEPS = [
    (STEP_CLASSIFY, _("分类并回复")), (STEP_REPLY, _("回复客户")), (STEP_REFERRAL, _("书面转交责任方")),
    (STEP_PROGRESS, _("告知处理进展")), (STEP_EXPLAIN, _("解释无效原因")), (STEP_REPORT_DUTY, _("报值班中心")),
    (STEP_REPORT_DIRECTOR, _("报管理处主任")), (STEP_NOTIFY_HQ, _("报总部投诉中心")),
    (STEP_REPORT_RESULT, _("处理结果报总部")), (STEP_CLOSE, _("跟进满意度并结案")),
]


class ComplaintCounter(models.Model):
    """One row per year: the last number used in this office (C-02). Locked while numbering."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}:{self.last}"


class Incident(models.Model):
    """The same matter complained about by several households at the same time (C-10)."""

    title = models.CharField(_("事件"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by_name = models.CharField(max_length=64, blank=True)
    collective = models.BooleanField(_("集体投诉"), default=False)
    collective_at = models.DateTimeField(null=True, blank=True)
    director_reported_at = models.DateTimeField(null=True, blank=True)
    director_reported_by = models.CharField(max_length=64, blank=True)
    hq_notified_at = models.DateTimeField(null=True, blank=True)
    hq_notified_by = models.CharField(max_length=64, blank=True)
    hq_case_id = models.IntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Complaint(models.Model):
    number = models.CharField(_("编号"), max_length=20, unique=True)
    # C-01 / C-02 registration
    channel = models.CharField(_("渠道"), max_length=20, choices=CHANNELS)
    household = models.ForeignKey("residents.Household", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="complaints")
    unit_text = models.CharField(_("房号(自填)"), max_length=64, blank=True)
    complainant_name = models.CharField(_("投诉人"), max_length=64)
    complainant_phone = models.CharField(_("电话"), max_length=32, db_index=True)
    content = models.TextField(_("投诉内容"), max_length=limits.TEXT)
    category = models.CharField(_("类别"), max_length=32)
    expectation = models.TextField(_("客户期望"), blank=True, max_length=limits.NOTE)
    requested_reply_at = models.DateTimeField(_("要求回复时间"), null=True, blank=True)
    received_at = models.DateTimeField(_("接待时间"))
    received_by_id = models.BigIntegerField(null=True, blank=True)  # public-schema user id
    received_by_name = models.CharField(_("接待人"), max_length=64, blank=True)
    attachments = models.ManyToManyField("files.StoredFile", blank=True, related_name="+")
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001  (per receiver)
    source_type = models.CharField(max_length=32, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    sla = models.JSONField(default=dict)  # S-08: the complaint.* settings in force at registration
    # state
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=REGISTERED, db_index=True)
    classification = models.CharField(_("分类"), max_length=16, choices=CLASSIFICATIONS, blank=True)
    urgent = models.BooleanField(_("紧急"), default=False)
    serious = models.BooleanField(_("严重"), default=False)
    agreed_reply_at = models.DateTimeField(_("约定回复时间"), null=True, blank=True)
    assignee_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    assignee_name = models.CharField(_("处理人"), max_length=64, blank=True)
    assignee_role = models.CharField(max_length=32, blank=True)
    escalation_level = models.CharField(max_length=16, choices=LEVELS, default=LEVEL_OFFICE)
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="complaints")
    collective = models.BooleanField(_("集体投诉"), default=False)
    # C-17 deadlines
    reply_due_at = models.DateTimeField(_("回复时限"), null=True, blank=True)  # C-06/C-07/C-09
    next_step = models.CharField(_("下一步"), max_length=20, choices=STEPS, blank=True)
    due_at = models.DateTimeField(_("时限"), null=True, blank=True, db_index=True)
    due_soon_marked_at = models.DateTimeField(null=True, blank=True)
    step_overdue = models.BooleanField(default=False)  # the current step is overdue
    overdue_at = models.DateTimeField(null=True, blank=True)  # first overdue step: counts against on-time
    # outcome
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    satisfaction = models.CharField(max_length=16, choices=SATISFACTION, blank=True)
    onspot_reported_at = models.DateTimeField(null=True, blank=True)
    # head office (C-11, C-16)
    hq_ref = models.CharField(_("总部编号"), max_length=64, blank=True)
    hq_case_id = models.IntegerField(null=True, blank=True)
    result_reported_at = models.DateTimeField(null=True, blank=True)
    reopened_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="reopened_as")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "due_at"])]
        constraints = [models.UniqueConstraint(  # one user's key never finds another user's complaint
            fields=["idempotency_key", "received_by_id"], condition=models.Q(idempotency_key__isnull=False),
            nulls_distinct=False, name="complaint_idempotency_key_per_receiver")]

    def __str__(self) -> str:
        return self.number


class ComplaintEvent(models.Model):
    """One line of the complaint's history (C-15): who, when, from, to, note. Never updated."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=32)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_name = models.CharField(max_length=64, blank=True)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True, max_length=limits.NOTE)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}:{self.kind}"

    def save(self, *args, **kwargs):
        """C-15: an event is written once; a correction is a new event."""
        if not self._state.adding:
            raise ValueError("complaint events are never edited (C-15)")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("complaint events are never deleted (C-15)")


class Referral(models.Model):
    """C-08: the written report to the party responsible for an assisted complaint (printable)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="referrals")
    party_kind = models.CharField(_("责任方类型"), max_length=16, choices=PARTY_KINDS)
    party_name = models.CharField(_("责任方"), max_length=128)
    text = models.TextField(_("函件内容"), max_length=limits.TEXT)
    at = models.DateTimeField()
    by_id = models.BigIntegerField(null=True, blank=True)
    by_name = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}→{self.party_name}"


class Reply(models.Model):
    """C-12: how, by whom and when the customer was answered, and what they thought of it."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="replies")
    method = models.CharField(_("回复方式"), max_length=16, choices=REPLY_METHODS)
    at = models.DateTimeField(_("回复时间"))
    by_id = models.BigIntegerField(null=True, blank=True)
    by_name = models.CharField(_("回复人"), max_length=64, blank=True)
    opinion = models.TextField(_("客户意见"), blank=True, max_length=limits.NOTE)
    satisfied = models.BooleanField(null=True)
    signature = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    letter_text = models.TextField(_("书面回复"), blank=True, max_length=limits.TEXT)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}:{self.method}"


class SpotCheck(models.Model):
    """C-19: the director checked this record (and maybe visited the complainant)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="spot_checks")
    at = models.DateTimeField()
    by_id = models.BigIntegerField(null=True, blank=True)
    by_name = models.CharField(max_length=64, blank=True)
    finding = models.TextField(_("抽查意见"), max_length=limits.NOTE)
    satisfied = models.BooleanField(_("客户满意"), null=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}:{self.at:%Y-%m-%d}"
