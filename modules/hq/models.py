"""Head-office models (hq schema). The complaint center's cases arrive only through tenants/bridge.py.

HqCase: an office complaint escalated to head office (C-10, C-11), with the live snapshot the office
last sent and its timeline mirrored here. Head office never reads an office schema: it reads these rows.
HqComplaint: a complaint head office received itself and forwards to an office (C-16).

Offices are referred to by their public tenant id plus slug and name (no foreign key across schemas:
a cloned schema must not depend on constraints pointing outside it)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

# Chinese names of timeline lines (office kinds come from the complaints module; unknown ones show as is)
EVENT_LABELS = {
    "registered": _("登记"), "assigned": _("交办"), "classified": _("分类"), "reclassified": _("更正分类"),
    "handled_on_spot": _("当场处理"),
    "referred": _("报责任方"), "progress": _("进展告知"), "replied": _("回复"), "closed": _("结案"),
    "reopened": _("重新投诉"), "escalated": _("升级"), "collective": _("集体投诉"),
    "collective_reported_director": _("报管理处主任"), "collective_notified_hq": _("报总部"),
    "linked_incident": _("关联事件"), "note": _("备注"), "due": _("即将到期"), "overdue": _("超时"),
    "spot_checked": _("抽查"), "result_reported": _("结果回报"), "hq_received": _("总部收到上报"),
    "hq_instruction": _("总部指示"), "forwarded": _("转办"), "office_completed": _("管理处办结"),
    "followed_up": _("品质部跟进"), "hq_assigned": _("管理者代表指派处理"),
}


class HqCase(models.Model):
    office_id = models.BigIntegerField(_("管理处ID"), db_index=True)
    office_slug = models.CharField(_("管理处标识"), max_length=63)
    office_name = models.CharField(_("管理处"), max_length=128)
    office_complaint_id = models.BigIntegerField(_("管理处投诉ID"))
    number = models.CharField(_("投诉编号"), max_length=32)
    # the matter this escalation belongs to (services.cases.case_key_for): the inbox shows one row per key,
    # with every office the matter touched -- a head-office complaint and what the offices escalated of it,
    # a collective incident however many of its complaints were escalated
    case_key = models.CharField(max_length=64, db_index=True, blank=True)
    hq_number = models.CharField(_("总部编号"), max_length=32, blank=True)  # C-16: forwarded by head office
    snapshot = models.JSONField(_("最新快照"), default=dict)
    status = models.CharField(_("状态"), max_length=32, db_index=True)
    status_label = models.CharField(_("状态名称"), max_length=64, blank=True)
    collective = models.BooleanField(_("集体投诉"), default=False, db_index=True)
    overdue = models.BooleanField(_("超时"), default=False)
    due_at = models.DateTimeField(_("时限"), null=True, blank=True)
    completed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    received_at = models.DateTimeField(_("受理时间"), db_index=True)
    escalated_at = models.DateTimeField(_("上报时间"))
    reason = models.TextField(_("上报原因"), blank=True, max_length=limits.NOTE)
    escalated_by = models.CharField(_("上报人"), max_length=64, blank=True)
    synced_at = models.DateTimeField(_("同步时间"))
    # C-11/R-02: the quality-department manager the management representative assigned it to
    assignee_id = models.BigIntegerField(null=True, blank=True, db_index=True)  # public-schema user id
    assignee_name = models.CharField(_("指派处理人"), max_length=64, blank=True)
    assigned_at = models.DateTimeField(_("指派时间"), null=True, blank=True)
    assigned_by = models.CharField(_("指派人"), max_length=64, blank=True)

    class Meta:
        ordering = ["-escalated_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["office_id", "office_complaint_id"],
                                               name="hq_case_one_per_office_complaint")]

    def __str__(self) -> str:
        return f"{self.office_name} {self.number}"


class HqCaseEvent(models.Model):
    """One line of a case's timeline: mirrored from the office (source office) or written here (hq)."""

    OFFICE, HQ = "office", "hq"
    SOURCES = [(OFFICE, _("管理处")), (HQ, _("总部"))]

    case = models.ForeignKey(HqCase, on_delete=models.PROTECT, related_name="events")
    key = models.CharField(max_length=64)  # identity of a mirrored event: a sync never repeats it
    source = models.CharField(max_length=8, choices=SOURCES, default=OFFICE)
    at = models.DateTimeField()
    kind = models.CharField(max_length=32)
    actor = models.CharField(max_length=64, blank=True)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True, max_length=limits.NOTE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="hq_case_event_once")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"

    @property
    def kind_label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))


class HqComplaint(models.Model):
    """A complaint received by head office (C-01, C-16), forwarded to the office concerned."""

    HOTLINE, MAILBOX, MEDIA, GOVERNMENT = "hotline", "company_mailbox", "media", "government"
    CHANNELS = [(HOTLINE, _("总部热线")), (MAILBOX, _("公司信箱")), (MEDIA, _("媒体")),
                (GOVERNMENT, _("政府部门"))]

    REGISTERED = "registered"  # recorded at head office, not yet sent
    FORWARDED = "forwarded"  # sent to the office, which handles it
    COMPLETED = "completed"  # the office finished it; its result report is due (C-16)
    REPORTED = "reported"  # the office reported the result
    FOLLOWED_UP = "followed_up"  # the quality department followed it up (C-16)
    STATUSES = [(REGISTERED, _("已登记")), (FORWARDED, _("已转办")), (COMPLETED, _("管理处已办结")),
                (REPORTED, _("已回报结果")), (FOLLOWED_UP, _("品质部已跟进"))]

    # C-16: head office's own number, ZB-<year>-<6 digits> (services.hq_complaint_number_next); the office's
    # copy of a forwarded complaint carries it as its hq_ref
    number = models.CharField(_("总部编号"), max_length=32, unique=True)
    channel = models.CharField(_("渠道"), max_length=16, choices=CHANNELS)
    complainant_name = models.CharField(_("投诉人"), max_length=64)
    complainant_phone = models.CharField(_("联系电话"), max_length=32)
    content = models.TextField(_("投诉内容"), max_length=limits.TEXT)
    unit_text = models.CharField(_("房号/地址"), max_length=128, blank=True)
    received_at = models.DateTimeField(_("受理时间"))
    registered_by = models.CharField(_("登记人"), max_length=64)
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=REGISTERED, db_index=True)
    office_id = models.BigIntegerField(_("转办管理处ID"), null=True, blank=True, db_index=True)
    office_slug = models.CharField(_("管理处标识"), max_length=63, blank=True)
    office_name = models.CharField(_("转办管理处"), max_length=128, blank=True)
    forwarded_at = models.DateTimeField(_("转办时间"), null=True, blank=True)
    forwarded_by = models.CharField(_("转办人"), max_length=64, blank=True)
    office_complaint_id = models.BigIntegerField(null=True, blank=True)
    office_number = models.CharField(_("管理处编号"), max_length=32, blank=True)
    office_status = models.CharField(_("管理处状态"), max_length=64, blank=True)
    office_completed_at = models.DateTimeField(_("管理处办结时间"), null=True, blank=True)
    result_due_at = models.DateTimeField(_("结果回报时限"), null=True, blank=True)
    # S-08/C-16: the result-report hours in force when it was forwarded (frozen, as the office froze them)
    result_report_hours = models.PositiveIntegerField(null=True, blank=True)
    result_summary = models.TextField(_("处理结果"), blank=True, max_length=limits.NOTE)
    result_reported_at = models.DateTimeField(_("结果回报时间"), null=True, blank=True)
    result_overdue_for = models.DateTimeField(null=True, blank=True)  # C-17: the due time last reported overdue
    result_reported_by = models.CharField(_("回报人"), max_length=64, blank=True)
    followed_up_at = models.DateTimeField(_("跟进时间"), null=True, blank=True)
    followed_up_by = models.CharField(_("跟进人"), max_length=64, blank=True)
    follow_up_note = models.TextField(_("跟进记录"), blank=True, max_length=limits.NOTE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        # the result clock (core/clocks) finds results not reported in time by their due time
        indexes = [models.Index(fields=["result_due_at"], name="hq_complaint_result_due",
                                condition=models.Q(result_reported_at__isnull=True))]

    def __str__(self) -> str:
        return self.number

    @property
    def hq_ref(self) -> str:
        """What the office's copy of a forwarded complaint calls it (C-16): head office's own number."""
        return self.number


class HqComplaintCounter(models.Model):
    """One row per year: the last head-office number used (ZB-<year>-…). Bumped in one locking UPDATE."""

    year = models.PositiveIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}:{self.last}"


# who may move an HqComplaint where (DESIGN.md convention 2)
TRANSITIONS: dict[str, set[str]] = {
    HqComplaint.REGISTERED: {HqComplaint.FORWARDED},
    HqComplaint.FORWARDED: {HqComplaint.COMPLETED, HqComplaint.REPORTED},
    HqComplaint.COMPLETED: {HqComplaint.REPORTED},
    HqComplaint.REPORTED: {HqComplaint.FOLLOWED_UP},
    HqComplaint.FOLLOWED_UP: set(),
}


class HqComplaintEvent(models.Model):
    complaint = models.ForeignKey(HqComplaint, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=32)
    actor = models.CharField(max_length=64, blank=True)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True, max_length=limits.NOTE)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"

    @property
    def kind_label(self) -> str:
        return str(EVENT_LABELS.get(self.kind, self.kind))


class OfficeFigure(models.Model):
    """A figure an office pushed to head office (DESIGN.md "Figures head office sees"): one row per office,
    figure, month and dimension, replaced as a whole by each push (core/figures, tenants.bridge.figures_push).
    Dashboards, the consolidated monthly report and rankings read only this table."""

    office_id = models.BigIntegerField(_("管理处ID"))
    figure = models.CharField(_("指标"), max_length=64)
    period = models.DateField(_("月份"))  # the first day of the month
    dimension = models.CharField(_("维度"), max_length=64, blank=True, default="")
    value = models.DecimalField(_("数值"), max_digits=18, decimal_places=4, null=True, blank=True)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office_id", "figure", "period", "dimension"],
                                               name="hq_office_figure_one_value")]
        indexes = [models.Index(fields=["figure", "period"], name="hq_figure_period")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.figure} {self.period:%Y-%m} {self.dimension}={self.value}"


class OfficeFigureTotal(models.Model):
    """The group's sum of one figure's dimension in one month over every office's pushed rows (OfficeFigure),
    kept by the same push that writes them (modules.hq.services.figures.figures_store adds what changed, in its
    transaction, with an upsert that adds deltas, so two offices pushing at once never lose each other's
    rows). The group trends read 12 months of these rows instead of summing 300 offices' rows per request."""

    figure = models.CharField(_("指标"), max_length=64)
    period = models.DateField(_("月份"))
    dimension = models.CharField(_("维度"), max_length=64, blank=True, default="")
    total = models.DecimalField(_("合计"), max_digits=22, decimal_places=4, default=0)
    rows = models.IntegerField(_("上报管理处数"), default=0)  # offices with a row (a None value counts, adds 0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["figure", "period", "dimension"],
                                               name="hq_office_figure_total_one")]

    def __str__(self) -> str:
        return f"{self.figure} {self.period:%Y-%m} {self.dimension}={self.total} ({self.rows})"
