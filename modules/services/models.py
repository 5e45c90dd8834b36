"""Special services 特约服务 in an office (S-02..S-06), office schema.

The office turns on catalog items it offers (OfferedItem); a Booking freezes the rate version in force when it
was booked (S-08); money moves only as append-only MoneyEntry rows written by the cashier (S-05); the worker's
WorkRecord, the resident's signature and the supervisor's check come before settlement. Catalog rows live in
the public schema: they are referred to by id (no cross-schema foreign key) with the name kept alongside."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits


def money_field(label, **kwargs):
    return models.DecimalField(label, max_digits=12, decimal_places=2, **kwargs)


class OfferedItem(models.Model):
    """S-01/S-02: a catalog item this office offers (turned on or off by the office manager)."""

    item_id = models.BigIntegerField(unique=True)
    active = models.BooleanField(_("开展中"), default=True)
    changed_at = models.DateTimeField()
    changed_by_name = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return f"item {self.item_id} {'on' if self.active else 'off'}"


# --- booking statuses (S-03..S-05) ----------------------------------------------------------------------
BOOKED = "booked"  # registered, quoted from the rate in force
PAID = "paid"  # the cashier took the deposit / prepayment
DONE = "done"  # the worker recorded the work
CONFIRMED = "confirmed"  # the resident signed
CHECKED = "checked"  # the CS supervisor checked
SETTLED = "settled"  # the cashier settled
CANCELLED = "cancelled"
STATUSES = [(BOOKED, _("已预约")), (PAID, _("已预交")), (DONE, _("已完工")), (CONFIRMED, _("住户已确认")),
            (CHECKED, _("主管已审核")), (SETTLED, _("已结算")), (CANCELLED, _("已取消"))]
OPEN_STATUSES = (BOOKED, PAID, DONE, CONFIRMED, CHECKED)
# action → {from: to}; an action missing for the current status is refused (409)
TRANSITIONS: dict[str, dict[str, str]] = {
    "deposit": {BOOKED: PAID, PAID: PAID},  # S-05 the cashier takes the deposit / prepayment
    "record_work": {BOOKED: DONE, PAID: DONE},  # S-05 the worker records hours and materials
    "confirm": {DONE: CONFIRMED},  # S-05 the resident confirms (drawn signature)
    "check": {CONFIRMED: CHECKED},  # S-05 the CS supervisor checks
    "settle": {CHECKED: SETTLED},  # S-05 the cashier settles
    "cancel": {BOOKED: CANCELLED, PAID: CANCELLED},
    "dispatch": {BOOKED: BOOKED, PAID: PAID},  # S-04 to a department or an approved subcontractor
    "reverse": {s: s for s in (PAID, DONE, CONFIRMED, CHECKED, SETTLED, CANCELLED)},  # a reversing entry
}

CHANNELS = [("phone", _("电话预约")), ("desk", _("前台登记")), ("online", _("网上预约")), ("contact", _("来电来访登记"))]
STAFF_CHANNELS = CHANNELS[:2]  # what staff register by hand (online and contact bookings come by their own way)


class Booking(models.Model):
    """S-03: one booked job; its quote is the rate version in force when it was booked (S-08)."""

    channel = models.CharField(_("来源"), max_length=8, choices=CHANNELS)
    status = models.CharField(_("状态"), max_length=12, choices=STATUSES, default=BOOKED)
    household_id = models.BigIntegerField(null=True, blank=True)
    name = models.CharField(_("住户姓名"), max_length=64)
    phone = models.CharField(_("电话"), max_length=32, blank=True)
    address = models.CharField(_("地址"), max_length=limits.NAME)
    item_id = models.BigIntegerField()
    item_name = models.CharField(_("服务项目"), max_length=limits.NAME)
    item_unit = models.CharField(_("计价单位"), max_length=8)
    rate_id = models.BigIntegerField()
    quote_price = money_field(_("单价"))
    quote_deposit = money_field(_("押金/预交"))
    quantity = models.DecimalField(_("数量"), max_digits=8, decimal_places=2, default=1)
    wanted_at = models.DateTimeField(_("期望服务时间"))
    booked_at = models.DateTimeField(_("预约时间"))
    note = models.TextField(_("备注"), max_length=limits.NOTE, blank=True)
    contact_id = models.BigIntegerField(null=True, blank=True)  # F-01: the register line it came from
    # S-04: who does the job: an internal department (through its work-order queue) or a subcontractor
    department = models.CharField(_("派往部门"), max_length=16, blank=True)
    workorder_id = models.BigIntegerField(null=True, blank=True)
    subcontractor = models.ForeignKey("Subcontractor", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="bookings")
    subcontractor_fee = money_field(_("分包费用"), null=True, blank=True)
    booked_by_name = models.CharField(_("登记人"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-booked_at", "-id"]
        indexes = [models.Index(fields=["status", "booked_at"], name="svc_booking_status"),
                   models.Index(fields=["item_id", "booked_at"], name="svc_booking_item")]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"TY-{self.created_at.year}-{self.pk:06d}" if self.pk else ""

    @property
    def quote_amount(self):
        return (self.quote_price * self.quantity).quantize(self.quote_price)


class ServiceEvent(models.Model):
    """One step of a booking (who, when, from, to, note); never updated."""

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("操作"), max_length=32)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True)  # a public-schema user id (no cross-schema FK)
    actor_name = models.CharField(_("操作人"), max_length=64, blank=True)
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), max_length=limits.NOTE, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.booking_id} {self.action}"


APPROVED, SUSPENDED = "approved", "suspended"
SUBCONTRACTOR_STATUSES = [(APPROVED, _("合格")), (SUSPENDED, _("暂停"))]


class Subcontractor(models.Model):
    """S-04: the office's register of service subcontractors 服务分包方; only approved ones get jobs."""

    name = models.CharField(_("分包方"), max_length=limits.NAME)
    qualifications = models.TextField(_("资质"), max_length=limits.NOTE, blank=True)
    contract_from = models.DateField(_("合同开始"))
    contract_to = models.DateField(_("合同结束"))
    item_ids = models.JSONField(_("承接项目"), default=list)  # catalog item ids (bounded in the service)
    status = models.CharField(_("状态"), max_length=12, choices=SUBCONTRACTOR_STATUSES, default=APPROVED)
    flagged_for_review = models.BooleanField(_("待复评"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """S-04, S-07: the evaluation of one finished job, kept per worker and per subcontractor."""

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="evaluation")
    subcontractor = models.ForeignKey(Subcontractor, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="evaluations")
    worker_name = models.CharField(_("服务人员"), max_length=64, blank=True)
    score = models.PositiveSmallIntegerField(_("评分"))  # 1..5
    note = models.CharField(_("说明"), max_length=limits.LINE, blank=True)
    by_name = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.booking_id} {self.score}"


# --- money (S-05) ------------------------------------------------------------------------------------------
DEPOSIT, PREPAYMENT, SETTLEMENT, REFUND, REVERSAL = "deposit", "prepayment", "settlement", "refund", "reversal"
MONEY_KINDS = [(DEPOSIT, _("押金")), (PREPAYMENT, _("预交服务费")), (SETTLEMENT, _("结算收款")),
               (REFUND, _("退还押金")), (REVERSAL, _("冲正"))]
PAYMENT_KINDS = MONEY_KINDS[:2]  # what the cashier takes before the job


class MoneyEntry(models.Model):
    """S-05: one money step, written by the cashier only, with its receipt number. Append-only: a mistake is
    corrected by a REVERSAL entry pointing at it (the signed amount cancels it), never by editing.

    `amount` is signed as it moves the office's cash: money taken in is positive, a refund negative."""

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="money")
    kind = models.CharField(_("类型"), max_length=12, choices=MONEY_KINDS)
    amount = money_field(_("金额"))
    receipt_no = models.CharField(_("票据号"), max_length=32)
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="reversed_by")
    note = models.CharField(_("说明"), max_length=limits.LINE, blank=True)
    cashier_id = models.BigIntegerField()
    cashier_name = models.CharField(_("收费员"), max_length=64)
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["at"], name="svc_money_at")]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.receipt_no}"


class WorkRecord(models.Model):
    """S-05: the worker's record of the job (hours, materials), the resident's signature, the supervisor's check."""

    booking = models.OneToOneField(Booking, on_delete=models.PROTECT, related_name="work")
    worker_name = models.CharField(_("服务人员"), max_length=64)
    hours = models.DecimalField(_("工时"), max_digits=6, decimal_places=2)
    description = models.TextField(_("服务情况"), max_length=limits.NOTE)
    done_at = models.DateTimeField(_("完工时间"))
    recorded_by_id = models.BigIntegerField(null=True)
    signature = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    confirmed_at = models.DateTimeField(_("住户确认时间"), null=True, blank=True)
    checked_by_name = models.CharField(_("审核人"), max_length=64, blank=True)
    checked_at = models.DateTimeField(_("审核时间"), null=True, blank=True)

    def __str__(self) -> str:
        return f"work {self.booking_id}"


class WorkMaterial(models.Model):
    work = models.ForeignKey(WorkRecord, on_delete=models.PROTECT, related_name="materials")
    name = models.CharField(_("材料"), max_length=limits.NAME)
    quantity = models.DecimalField(_("数量"), max_digits=8, decimal_places=2)
    unit_price = money_field(_("单价"))

    def __str__(self) -> str:
        return self.name

    @property
    def amount(self):
        return (self.quantity * self.unit_price).quantize(self.unit_price)
