"""Long-term service agreements API on an office host (S-03, S-05, S-07): list and draw up, an agreement with
its service file, and its steps (deposit, refund and keeping the deposit by the cashier only, the resident's
signature, a job under it, end/terminate/cancel)."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView, found
from api.fields import BoundedDateField, BoundedDateTimeField
from api.pagination import Pagination
from api.services.views import BookingOut, Money, MoneyOut
from core import limits
from modules.services import agreements, selectors
from modules.services import models as m


class AgreementOut(serializers.ModelSerializer):
    number = serializers.CharField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        model = m.ServiceAgreement
        fields = ["id", "number", "status", "household_id", "name", "phone", "address", "item_id", "item_name",
                  "item_unit", "rate_id", "unit_price", "quantity", "price", "deposit", "frequency", "starts_on",
                  "ends_on", "note", "signed_at", "closed_reason", "created_at"]


class AgreementFileOut(AgreementOut):
    """The agreement with its service file 服务档案: every job under it, and its money."""

    jobs = BookingOut(many=True, read_only=True)
    money = MoneyOut(many=True, read_only=True)
    held = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta(AgreementOut.Meta):
        fields = [*AgreementOut.Meta.fields, "jobs", "money", "held"]


def _file(agreement) -> dict:
    data = selectors.agreement_file(agreement)
    out = AgreementFileOut(agreement).data
    out.update(jobs=BookingOut(data["jobs"], many=True).data, money=MoneyOut(data["money"], many=True).data,
               held=f"{data['held']:.2f}")
    return out


class AgreementListApi(TenantAPIView):
    """S-03: the office's agreements; POST draws one up (price frozen from the rate in force)."""

    required_perm = {"GET": "services.view", "POST": "services.book"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        item_id = serializers.IntegerField()
        name = serializers.CharField(max_length=64)
        phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
        address = serializers.CharField(max_length=limits.NAME)
        household_id = serializers.IntegerField(required=False, allow_null=True)
        quantity = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=Decimal("0.01"),
                                            required=False, default=Decimal("1"))
        frequency = serializers.ChoiceField(choices=m.FREQUENCIES)
        starts_on = BoundedDateField()
        ends_on = BoundedDateField()
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(parameters=[OpenApiParameter("status", str)], responses=AgreementOut(many=True))
    def get(self, request):
        wanted = request.query_params.get("status", "")
        return self.paginate(selectors.agreement_list(
            status=wanted if wanted in dict(m.AGREEMENT_STATUSES) else ""), AgreementOut)

    @extend_schema(request=Input, responses={201: AgreementOut})
    def post(self, request):
        agreement = agreements.agreement_create(user=request.user, **self.validated(self.Input))
        return Response(AgreementOut(agreement).data, status=status.HTTP_201_CREATED)


class AgreementDetailApi(TenantAPIView):
    required_perm = "services.view"

    @extend_schema(responses=AgreementFileOut)
    def get(self, request, pk: int):
        return Response(_file(found(selectors.agreement_get(agreement_id=pk))))


class _AgreementStep(TenantAPIView):
    """One step on an agreement: a subclass names its `Input` and `act(request, agreement, data)`; the answer
    is the agreement with its service file after the step."""

    def post(self, request, pk: int):
        agreement = found(selectors.agreement_get(agreement_id=pk))
        self.act(request, agreement, self.validated(self.Input))
        return Response(_file(selectors.agreement_get(agreement_id=pk)))


class AgreementDepositApi(_AgreementStep):
    """S-05: the cashier takes the agreement's deposit (receipt number)."""

    required_perm = "services.cashier"

    class Input(serializers.Serializer):
        amount = Money()
        receipt_no = serializers.CharField(max_length=32)

    @extend_schema(request=Input, responses=AgreementFileOut)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, agreement, data):
        agreements.agreement_deposit(agreement_id=agreement.pk, user=request.user, role=self.membership.role, **data)


class AgreementSignApi(_AgreementStep):
    """S-03: the resident signs (PNG data URL drawn on screen); mid-term and end visits are scheduled (S-07)."""

    required_perm = "services.book"

    class Input(serializers.Serializer):
        signature_data_url = serializers.CharField(max_length=limits.SIGNATURE)

    @extend_schema(request=Input, responses=AgreementFileOut)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, agreement, data):
        agreements.agreement_sign(agreement_id=agreement.pk, user=request.user, **data)


class AgreementJobApi(_AgreementStep):
    """S-03: one occasion of the agreement, a booking at its frozen price listed in its service file."""

    required_perm = "services.book"

    class Input(serializers.Serializer):
        wanted_at = BoundedDateTimeField()
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=AgreementFileOut)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, agreement, data):
        agreements.agreement_job_create(agreement_id=agreement.pk, user=request.user, **data)


class AgreementCloseApi(_AgreementStep):
    """The agreement ends at its term, is terminated early, or (never signed) is cancelled; a reason is
    needed except at the term's end."""

    required_perm = "services.check"

    class Input(serializers.Serializer):
        action = serializers.ChoiceField(choices=[("end", "end"), ("terminate", "terminate"), ("cancel", "cancel")])
        reason = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=AgreementFileOut)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, agreement, data):
        agreements.agreement_close(agreement_id=agreement.pk, user=request.user, **data)


class AgreementRefundApi(_AgreementStep):
    """S-05: the cashier refunds the deposit still held once the agreement is over."""

    required_perm = "services.cashier"

    class Input(serializers.Serializer):
        receipt_no = serializers.CharField(max_length=32)

    @extend_schema(request=Input, responses=AgreementFileOut)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, agreement, data):
        agreements.agreement_refund(agreement_id=agreement.pk, user=request.user, role=self.membership.role,
                                    **data)


class AgreementKeepApi(_AgreementStep):
    """S-05: once the agreement has ended or been terminated, the cashier keeps all or part of the deposit held
    (a reason: damage, jobs left unpaid…), the rest refunded in the same step; the kept part is the item's
    revenue of the month (S-06)."""

    required_perm = "services.cashier"

    class Input(serializers.Serializer):
        amount = Money()
        receipt_no = serializers.CharField(max_length=32)
        reason = serializers.CharField(max_length=limits.LINE)

    @extend_schema(request=Input, responses=AgreementFileOut)
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, agreement, data):
        agreements.agreement_deposit_keep(agreement_id=agreement.pk, user=request.user, role=self.membership.role,
                                          **data)
