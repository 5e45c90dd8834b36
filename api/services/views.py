"""Special services API on an office host (S-01..S-05): offers, proposals, bookings, the cashier's steps."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import RowActionAPIView, TenantAPIView, found
from api.fields import BoundedDateField, BoundedDateTimeField
from api.frontdesk.common import enum_field
from api.pagination import Pagination
from core import limits
from modules.frontdesk.models.work import DEPARTMENTS
from modules.services import models as m
from modules.services import selectors, services
from modules.services.catalog import models as cm
from modules.services.catalog.selectors import proposals_of_office
from modules.services.catalog.services import proposal_submit


def Money(**kwargs):  # noqa: N802 - a field factory: CNY, 2 places, never negative (S-05)
    return serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), **kwargs)


class RateOut(serializers.Serializer):
    id = serializers.IntegerField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)
    deposit = serializers.DecimalField(max_digits=12, decimal_places=2)
    effective_from = serializers.DateField()


class OfferOut(serializers.Serializer):
    item_id = serializers.IntegerField(source="item.pk")
    code = serializers.CharField(source="item.code")
    name = serializers.CharField(source="item.name")
    category = serializers.CharField(source="item.category")
    unit = serializers.CharField(source="item.unit")
    offered = serializers.BooleanField()
    open = serializers.BooleanField()
    rate = RateOut(allow_null=True)
    upcoming = RateOut(allow_null=True)


class OfferApi(TenantAPIView):
    """S-01/S-02: the catalog items this office may offer; POST turns one on or off (office manager)."""

    required_perm = {"GET": "services.view", "POST": "services.offer"}

    class Input(serializers.Serializer):
        item_id = serializers.IntegerField()
        active = serializers.BooleanField()

    @extend_schema(responses=OfferOut(many=True))
    def get(self, request):
        return Response(OfferOut(selectors.offer_overview(), many=True).data)

    @extend_schema(request=Input, responses=OfferOut(many=True))
    def post(self, request):
        services.offer_set(user=request.user, **self.validated(self.Input))
        return Response(OfferOut(selectors.offer_overview(), many=True).data)


class ProposalOut(serializers.ModelSerializer):
    class Meta:
        model = cm.ServiceProposal
        fields = ["id", "kind", "status", "item", "name", "category", "unit", "standard", "price", "deposit",
                  "effective_from", "survey_households", "survey_in_favour", "survey_summary", "reason",
                  "proposed_at", "decided_at", "decision_reason"]


class ProposalInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=cm.PROPOSAL_KINDS)
    item_id = serializers.IntegerField(required=False, allow_null=True)
    name = serializers.CharField(max_length=limits.NAME, required=False, allow_blank=True, default="")
    category = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    unit = serializers.CharField(max_length=8, required=False, allow_blank=True, default="")
    standard = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
    price = Money(required=False, allow_null=True)
    deposit = Money(required=False, allow_null=True)
    effective_from = BoundedDateField(required=False, allow_null=True)
    survey_households = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False, default=0)
    survey_in_favour = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False, default=0)
    survey_summary = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
    reason = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")


class ProposalApi(TenantAPIView):
    """S-01: this office's proposals to the general manager; POST proposes (office manager)."""

    required_perm = {"GET": "services.propose", "POST": "services.propose"}
    pagination_class = Pagination

    @extend_schema(responses=ProposalOut(many=True))
    def get(self, request):
        return self.paginate(proposals_of_office(office_id=connection.tenant.pk), ProposalOut)

    @extend_schema(request=ProposalInput, responses={201: ProposalOut})
    def post(self, request):
        proposal = proposal_submit(office=connection.tenant, user=request.user, **self.validated(ProposalInput))
        return Response(ProposalOut(proposal).data, status=status.HTTP_201_CREATED)


class MoneyOut(serializers.ModelSerializer):
    class Meta:
        model = m.MoneyEntry
        fields = ["id", "kind", "amount", "receipt_no", "reverses", "note", "cashier_name", "at"]


class BookingOut(serializers.ModelSerializer):
    number = serializers.CharField()
    quote_amount = serializers.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        model = m.Booking
        fields = ["id", "number", "channel", "status", "household_id", "name", "phone", "address", "item_id",
                  "item_name", "item_unit", "rate_id", "quote_price", "quote_deposit", "quantity", "quote_amount",
                  "wanted_at", "booked_at", "note", "contact_id", "department", "workorder_id", "subcontractor",
                  "subcontractor_fee", "quoted_at", "agreement"]


class BookingDetailOut(BookingOut):
    money = MoneyOut(many=True)

    class Meta(BookingOut.Meta):
        fields = [*BookingOut.Meta.fields, "money"]


class BookingListApi(TenantAPIView):
    """S-03: bookings of this office; POST registers one by phone or at the desk."""

    required_perm = {"GET": "services.view", "POST": "services.book"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        channel = serializers.ChoiceField(choices=m.STAFF_CHANNELS)
        item_id = serializers.IntegerField()
        name = serializers.CharField(max_length=64)
        phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
        address = serializers.CharField(max_length=limits.NAME)
        household_id = serializers.IntegerField(required=False, allow_null=True)
        quantity = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=Decimal("0.01"),
                                            required=False, default=Decimal("1"))
        wanted_at = BoundedDateTimeField()
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(parameters=[OpenApiParameter("status", str),
                               OpenApiParameter("flag", str, enum=list(selectors.DESK_FILTERS))],
                   responses=BookingOut(many=True))
    def get(self, request):
        wanted = request.query_params.get("status", "")
        flag = request.query_params.get("flag", "")
        return self.paginate(selectors.booking_list(status=wanted if wanted in dict(m.STATUSES) else "",
                                                    flag=flag if flag in selectors.DESK_FILTERS else ""), BookingOut)

    @extend_schema(request=Input, responses={201: BookingOut})
    def post(self, request):
        booking = services.booking_create(user=request.user, **self.validated(self.Input))
        return Response(BookingOut(booking).data, status=status.HTTP_201_CREATED)


class BookingDetailApi(TenantAPIView):
    required_perm = "services.view"

    @extend_schema(responses=BookingDetailOut)
    def get(self, request, pk: int):
        return Response(BookingDetailOut(found(selectors.booking_get(booking_id=pk))).data)


class _BookingAction(RowActionAPIView):
    """One step on a booking (api.base.RowActionAPIView): each subclass names its `Input` and its
    `step(request, booking, data)`, which calls the step's service; the answer is the booking as it stands
    after the step."""

    Output = BookingDetailOut

    def row(self, *, pk: int):
        return selectors.booking_get(booking_id=pk)

    def act(self, request, data: dict, *, pk: int) -> None:
        self.step(request, found(self.row(pk=pk)), data)

    def step(self, request, booking, data: dict) -> None:
        raise TypeError(f"{type(self).__name__} sets step(request, booking, data)")


class QuoteApi(_BookingAction):
    """S-03: the desk tells the resident the quote (the booked rate × the agreed quantity)."""

    required_perm = "services.book"

    class Input(serializers.Serializer):
        quantity = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=Decimal("0.01"),
                                            required=False, allow_null=True, default=None)
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    def step(self, request, booking, data):
        services.booking_quote(booking_id=booking.pk, user=request.user, **data)


class DepositApi(_BookingAction):
    """S-05: the cashier takes a deposit or prepayment (receipt number)."""

    required_perm = "services.cashier"

    class Input(serializers.Serializer):
        kind = serializers.ChoiceField(choices=m.PAYMENT_KINDS)
        amount = Money()
        receipt_no = serializers.CharField(max_length=32)

    def step(self, request, booking, data):
        services.booking_deposit(booking_id=booking.pk, user=request.user, role=self.membership.role, **data)


class MaterialIn(serializers.Serializer):
    name = serializers.CharField(max_length=limits.NAME)
    quantity = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=Decimal("0.01"))
    unit_price = Money()


class RecordWorkApi(_BookingAction):
    """S-05: the worker records hours and materials with prices."""

    required_perm = "services.work"

    class Input(serializers.Serializer):
        worker_name = serializers.CharField(max_length=64)
        hours = serializers.DecimalField(max_digits=6, decimal_places=2, min_value=Decimal("0"))
        description = serializers.CharField(max_length=limits.NOTE)
        materials = MaterialIn(many=True, required=False, max_length=50)

    def step(self, request, booking, data):
        data["materials"] = [dict(row) for row in data.get("materials", [])]
        services.booking_record_work(booking_id=booking.pk, user=request.user, **data)


class ConfirmApi(_BookingAction):
    """S-05: the resident confirms with a signature drawn on screen (PNG data URL)."""

    required_perm = "services.work"

    class Input(serializers.Serializer):
        signature_data_url = serializers.CharField(max_length=limits.SIGNATURE)

    def step(self, request, booking, data):
        services.booking_confirm(booking_id=booking.pk, user=request.user, **data)


class CheckApi(_BookingAction):
    """S-05: the CS supervisor checks the signed record."""

    required_perm = "services.check"

    class Input(serializers.Serializer):
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    def step(self, request, booking, data):
        services.booking_check(booking_id=booking.pk, user=request.user, **data)


class SettleApi(_BookingAction):
    """S-05: the cashier settles: final amount, deposit refunded or kept."""

    required_perm = "services.cashier"

    class Input(serializers.Serializer):
        amount = Money()
        receipt_no = serializers.CharField(max_length=32)
        refund_deposit = serializers.BooleanField(required=False, default=True)

    def step(self, request, booking, data):
        services.booking_settle(booking_id=booking.pk, user=request.user, role=self.membership.role, **data)


class CancelApi(_BookingAction):
    required_perm = "services.book"

    class Input(serializers.Serializer):
        reason = serializers.CharField(max_length=limits.LINE)

    def step(self, request, booking, data):
        services.booking_cancel(booking_id=booking.pk, user=request.user, **data)


class ReverseApi(TenantAPIView):
    """S-05: a reversing entry for a mistaken money entry (cashier)."""

    required_perm = "services.cashier"

    class Input(serializers.Serializer):
        receipt_no = serializers.CharField(max_length=32)
        reason = serializers.CharField(max_length=limits.LINE)

    @extend_schema(request=Input, responses={201: MoneyOut})
    def post(self, request, pk: int):
        entry = services.money_reverse(entry_id=pk, user=request.user, role=self.membership.role,
                                       **self.validated(self.Input))
        return Response(MoneyOut(entry).data, status=status.HTTP_201_CREATED)


class DaySheetApi(TenantAPIView):
    """S-05: the cashier's day sheet: the day's entries and totals that reconcile."""

    required_perm = "services.cashier"

    class Query(serializers.Serializer):
        day = BoundedDateField(required=False)

    class Output(serializers.Serializer):
        day = serializers.DateField()
        entries = MoneyOut(many=True)
        totals = serializers.DictField(child=serializers.DecimalField(max_digits=14, decimal_places=2))
        net = serializers.DecimalField(max_digits=14, decimal_places=2)
        kept = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="deposits kept: no cash moved")
        cash = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="net − kept")

    @extend_schema(parameters=[OpenApiParameter("day", str)], responses=Output)
    def get(self, request):
        return Response(self.Output(selectors.cashier_day_sheet(day=self.query(self.Query).get("day"))).data)


class FiguresApi(TenantAPIView):
    """S-06: revenue, cost and margin per item for a month (`month=YYYY-MM`, this month by default)."""

    required_perm = "services.figures"

    class Query(serializers.Serializer):
        month = serializers.RegexField(r"^\d{4}-(0[1-9]|1[0-2])$", max_length=7, required=False)

    class Output(serializers.Serializer):
        item_id = serializers.IntegerField()
        item_name = serializers.CharField()
        jobs = serializers.IntegerField()
        revenue = serializers.DecimalField(max_digits=14, decimal_places=2)
        kept = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="agreement deposits kept (in revenue)")
        materials = serializers.DecimalField(max_digits=14, decimal_places=2)
        labour = serializers.DecimalField(max_digits=14, decimal_places=2)
        subcontracting = serializers.DecimalField(max_digits=14, decimal_places=2)
        cost = serializers.DecimalField(max_digits=14, decimal_places=2)
        margin = serializers.DecimalField(max_digits=14, decimal_places=2)
        loss = serializers.BooleanField()

    @extend_schema(parameters=[OpenApiParameter("month", str)], responses=Output(many=True))
    def get(self, request):
        from datetime import date

        from modules.services.catalog.selectors import local_day

        raw = self.query(self.Query).get("month")
        month = date(int(raw[:4]), int(raw[5:]), 1) if raw else local_day().replace(day=1)
        if not 2000 <= month.year <= 2100:
            from core.errors import ValidationFailed

            raise ValidationFailed("月份超出范围。", fields={"month": ["超出范围"]})
        return Response(self.Output(selectors.item_month_figures(month=month), many=True).data)


class SubcontractorOut(serializers.ModelSerializer):
    average_score = serializers.FloatField(allow_null=True, read_only=True)

    class Meta:
        model = m.Subcontractor
        fields = ["id", "name", "qualifications", "contract_from", "contract_to", "item_ids", "status",
                  "flagged_for_review", "average_score"]


class SubcontractorListApi(TenantAPIView):
    """S-04: the subcontractor register; POST adds one (approved)."""

    required_perm = {"GET": "services.view", "POST": "services.subcontractors"}

    class Input(serializers.Serializer):
        name = serializers.CharField(max_length=limits.NAME)
        qualifications = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        contract_from = BoundedDateField()
        contract_to = BoundedDateField()
        item_ids = serializers.ListField(child=serializers.IntegerField(), max_length=100, required=False, default=list)

    @extend_schema(responses=SubcontractorOut(many=True))
    def get(self, request):
        return Response(SubcontractorOut(selectors.subcontractor_list(), many=True).data)

    @extend_schema(request=Input, responses={201: SubcontractorOut})
    def post(self, request):
        from modules.services.dispatch import subcontractor_register

        sub = subcontractor_register(user=request.user, **self.validated(self.Input))
        return Response(SubcontractorOut(sub).data, status=status.HTTP_201_CREATED)


class SubcontractorStatusApi(TenantAPIView):
    """S-04: approve or suspend a subcontractor."""

    required_perm = "services.subcontractors"

    class Input(serializers.Serializer):
        status = serializers.ChoiceField(choices=m.SUBCONTRACTOR_STATUSES)

    @extend_schema(request=Input, responses=SubcontractorOut)
    def post(self, request, pk: int):
        from modules.services.dispatch import subcontractor_set_status

        sub = subcontractor_set_status(subcontractor_id=pk, user=request.user, **self.validated(self.Input))
        return Response(SubcontractorOut(sub).data)


class DispatchApi(_BookingAction):
    """S-04: to an internal department (a work order in its queue) or an approved subcontractor."""

    required_perm = "services.dispatch"

    class Input(serializers.Serializer):
        department = enum_field(DEPARTMENTS, required=False, allow_blank=True, default="")
        subcontractor_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        fee = Money(required=False, allow_null=True, default=None)

    def step(self, request, booking, data):
        from modules.services.dispatch import booking_dispatch

        booking_dispatch(booking_id=booking.pk, user=request.user, **data)


class EvaluateApi(_BookingAction):
    """S-04/S-07: the evaluation of a finished job (1..5)."""

    required_perm = "services.check"

    class Input(serializers.Serializer):
        score = serializers.IntegerField(min_value=1, max_value=5)
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    def step(self, request, booking, data):
        from modules.services.dispatch import booking_evaluate

        booking_evaluate(booking_id=booking.pk, user=request.user, **data)


class AnnounceOut(serializers.Serializer):
    notice_id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class AnnounceApi(TenantAPIView):
    """S-02/F-06: publish the offered items and their rates as one notice on the board."""

    required_perm = "services.announce"

    @extend_schema(request=None, responses={201: AnnounceOut})
    def post(self, request):
        notice = services.offers_announce(user=request.user)
        return Response(AnnounceOut(notice).data, status=status.HTTP_201_CREATED)

