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
    "quote": {BOOKED: BOOKED},  # S-03 the desk tells the resident the quote (an online booking waits for it)
    "reverse": {s: s for s in (PAID, DONE, CONFIRMED, CHECKED, SETTLED, CANCELLED)},  # a reversing entry
}

CONTRACT = "contract"  # a job under a long-term service agreement (S-03)
CHANNELS = [("phone", _("电话预约")), ("desk", _("前台登记")), ("online", _("网上预约")), ("contact", _("来电来访登记")),
            (CONTRACT, _("服务协议"))]
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
    # S-03: the desk told the resident the quote (staff bookings at once; an online booking waits for it)
    quoted_at = models.DateTimeField(_("报价时间"), null=True, blank=True)
    quoted_by_name = models.CharField(_("报价人"), max_length=64, blank=True)
    # S-03: a job done under a long-term agreement (its service file lists it)
    agreement = models.ForeignKey("ServiceAgreement", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="jobs")
    overdue_marked_at = models.DateTimeField(null=True, blank=True)  # the services.booking clock's marker
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-booked_at", "-id"]
        indexes = [models.Index(fields=["status", "booked_at"], name="svc_booking_status"),
                   models.Index(fields=["item_id", "booked_at"], name="svc_booking_item"),
                   models.Index(fields=["status", "wanted_at"], name="svc_booking_wanted")]

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
KEPT = "kept"  # S-05/S-06: an agreement's deposit kept (damage, unpaid jobs): leaves the deposit held, moves no cash
MONEY_KINDS = [(DEPOSIT, _("押金")), (PREPAYMENT, _("预交服务费")), (SETTLEMENT, _("结算收款")),
               (REFUND, _("退还押金")), (REVERSAL, _("冲正")), (KEPT, _("扣留押金"))]
PAYMENT_KINDS = MONEY_KINDS[:2]  # what the cashier takes before the job


class MoneyEntry(models.Model):
    """S-05: one money step, written by the cashier only, with its receipt number. Append-only: a mistake is
    corrected by a REVERSAL entry pointing at it (the signed amount cancels it), never by editing.

    `amount` is signed as it moves the office's cash: money taken in is positive, a refund negative. A KEPT
    entry is the one that moves no cash: it is negative because it takes the kept part out of the deposit the
    agreement holds (the sum of its entries), and it is the agreement item's revenue of its month (S-06); the
    day sheet shows it apart from the cash."""

    booking = models.ForeignKey(Booking, null=True, blank=True, on_delete=models.PROTECT, related_name="money")
    # or an agreement's deposit (S-03/S-05): an entry belongs to exactly one of the two
    agreement = models.ForeignKey("ServiceAgreement", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="money")
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
        constraints = [models.CheckConstraint(
            condition=models.Q(booking__isnull=False, agreement__isnull=True)
            | models.Q(booking__isnull=True, agreement__isnull=False), name="svc_money_one_owner")]

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


# --- long-term service agreements 特约服务协议 (S-03) ----------------------------------------------------------
DRAFT, ACTIVE, ENDED, TERMINATED = "draft", "active", "ended", "terminated"
AGREEMENT_STATUSES = [(DRAFT, _("待签订")), (ACTIVE, _("履行中")), (ENDED, _("已到期")), (TERMINATED, _("已解除")),
                      (CANCELLED, _("已取消"))]
# action → {from: to}; an action missing for the current status is refused (409)
AGREEMENT_TRANSITIONS: dict[str, dict[str, str]] = {
    "deposit": {DRAFT: DRAFT, ACTIVE: ACTIVE},  # S-05 the cashier takes the agreement's deposit
    "sign": {DRAFT: ACTIVE},  # the resident signs (drawn signature); mid-term and end visits are scheduled (S-07)
    "job": {ACTIVE: ACTIVE},  # a job under the agreement, listed in its service file
    "end": {ACTIVE: ENDED},  # the term ran out
    "terminate": {ACTIVE: TERMINATED},  # ended early, with a reason
    "cancel": {DRAFT: CANCELLED},  # never signed
    "refund": {ENDED: ENDED, TERMINATED: TERMINATED, CANCELLED: CANCELLED},  # S-05 the cashier refunds the deposit
    # S-05 the cashier keeps all or part of the deposit (a reason) once the service is over, refunding the rest
    "keep": {ENDED: ENDED, TERMINATED: TERMINATED},
    "reverse": {s: s for s in (DRAFT, ACTIVE, ENDED, TERMINATED, CANCELLED)},
}
FREQUENCIES = [("weekly", _("每周一次")), ("fortnightly", _("每两周一次")), ("monthly", _("每月一次")),
               ("quarterly", _("每季度一次"))]


class ServiceAgreement(models.Model):
    """S-03 (seed 002 §4.2.3–4.2.4): a long-term service agreement: term, frequency, the price of each
    occasion frozen from the rate in force when it was drawn up (S-08), the deposit (taken by the cashier,
    S-05), the resident's drawn signature; its service file 服务档案 is every job done under it (`jobs`)."""

    status = models.CharField(_("状态"), max_length=12, choices=AGREEMENT_STATUSES, default=DRAFT)
    household_id = models.BigIntegerField(null=True, blank=True)
    name = models.CharField(_("住户姓名"), max_length=64)
    phone = models.CharField(_("电话"), max_length=32, blank=True)
    address = models.CharField(_("地址"), max_length=limits.NAME)
    item_id = models.BigIntegerField()
    item_name = models.CharField(_("服务项目"), max_length=limits.NAME)
    item_unit = models.CharField(_("计价单位"), max_length=8)
    rate_id = models.BigIntegerField()
    unit_price = money_field(_("单价"))
    quantity = models.DecimalField(_("每次数量"), max_digits=8, decimal_places=2, default=1)
    deposit = money_field(_("押金"))
    frequency = models.CharField(_("服务频次"), max_length=12, choices=FREQUENCIES)
    starts_on = models.DateField(_("协议开始"))
    ends_on = models.DateField(_("协议结束"))
    note = models.TextField(_("协议条款"), max_length=limits.NOTE, blank=True)
    signature = models.ForeignKey("files.StoredFile", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    signed_at = models.DateTimeField(_("签订时间"), null=True, blank=True)
    closed_reason = models.CharField(_("终止原因"), max_length=limits.LINE, blank=True)
    created_by_name = models.CharField(_("登记人"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "ends_on"], name="svc_agreement_status")]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"XY-{self.created_at.year}-{self.pk:06d}" if self.pk else ""

    @property
    def price(self):
        """The price of one occasion: the frozen rate × the quantity of each occasion."""
        return (self.unit_price * self.quantity).quantize(self.unit_price)


AGREEMENT_ACTIONS = {"create": _("登记"), "deposit": _("收取押金"), "sign": _("住户签订"), "job": _("安排服务"),
                     "end": _("协议到期"), "terminate": _("提前解除"), "cancel": _("取消"), "refund": _("退还押金"),
                     "keep": _("扣留押金"), "reverse": _("冲正")}


class AgreementEvent(models.Model):
    """One step of an agreement (who, when, from, to, note); never updated."""

    agreement = models.ForeignKey(ServiceAgreement, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("操作"), max_length=32)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(_("操作人"), max_length=64, blank=True)
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), max_length=limits.NOTE, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.action}"

    @property
    def label(self) -> str:
        return str(AGREEMENT_ACTIONS.get(self.action, self.action))
