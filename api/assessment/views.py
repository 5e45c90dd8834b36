"""Assessment API (A-01..A-04, C-20): thin views over modules/assessment services and selectors."""

from __future__ import annotations

import re
from datetime import date

from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.base import RowActionAPIView, TenantAPIView, found
from api.fields import BoundedDateTimeField
from api.pagination import Pagination
from core import limits
from core.files.services import file_store
from modules.assessment import selectors, services
from modules.assessment.export import sheet_xlsx
from modules.assessment.models import PROPOSAL_STATUSES, Finding, PraiseNote, Proposal
from modules.catalog.scoring import rules_in_force

POINTS = {"max_digits": 6, "decimal_places": 2, "required": False, "allow_null": True}


def month_param(value: str | None, field: str = "month") -> date:
    """A month as YYYY-MM (2000–2100), else 400 naming the field."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", value or "")
    if not match or not 2000 <= int(match[1]) <= 2100 or not 1 <= int(match[2]) <= 12:
        raise ValidationError({field: ["须为 YYYY-MM"]})
    return date(int(match[1]), int(match[2]), 1)


class FindingOut(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["id", "person_id", "person_name", "occurred_at", "month", "rule_code", "rule_version_id",
                  "category", "description", "direction", "base_points", "extra_points", "points",
                  "pay_deduction", "count_in_month", "step", "note", "photo", "recorded_by_name", "recorded_at",
                  "proposal"]


class AssessmentProposalOut(serializers.ModelSerializer):
    class Meta:
        model = Proposal
        fields = ["id", "source_type", "source_id", "source_number", "person_id", "person_name", "rule_code",
                  "occurred_at", "status", "due_at", "overdue", "reason", "decided_by_name", "decided_at"]


class RuleOut(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(source="rule.code")
    category = serializers.CharField()
    description = serializers.CharField()
    direction = serializers.CharField()
    points_min = serializers.DecimalField(max_digits=6, decimal_places=2)
    points_max = serializers.DecimalField(max_digits=6, decimal_places=2)
    pay_deduction = serializers.DecimalField(max_digits=12, decimal_places=2)
    ladder = serializers.JSONField()
    effective_from = serializers.DateTimeField()
    note = serializers.CharField()


class RulesApi(TenantAPIView):
    """A-01: the group's scoring rules in force now (read-only in an office)."""

    required_perm = "assessment.view"

    @extend_schema(responses=RuleOut(many=True))
    def get(self, request):
        return Response(RuleOut(rules_in_force(), many=True).data)


class FindingsApi(TenantAPIView):
    """A-02/A-03: the findings of a month; POST records one (the ladder applies, A-01)."""

    required_perm = {"GET": "assessment.view", "POST": "assessment.record"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        person_id = serializers.IntegerField(min_value=1)
        rule_code = serializers.CharField(max_length=32)
        occurred_at = BoundedDateTimeField(required=False, allow_null=True)
        points = serializers.DecimalField(**POINTS)
        extra_points = serializers.DecimalField(**POINTS)
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")
        photo = serializers.FileField(required=False, allow_null=True)

    @extend_schema(parameters=[OpenApiParameter("month", str), OpenApiParameter("person_id", int)],
                   responses=FindingOut(many=True))
    def get(self, request):
        month = month_param(request.query_params["month"]) if request.query_params.get("month") else None
        person = request.query_params.get("person_id", "")
        return self.paginate(selectors.finding_list(month=month, person_id=int(person) if person.isdigit() else None),
                             FindingOut)

    @extend_schema(request=Input, responses={201: FindingOut})
    def post(self, request):
        data = self.validated(self.Input)
        upload = data.pop("photo", None)
        photo = file_store(upload=upload, user=request.user, field="photo") if upload else None
        finding = services.finding_record(user=request.user, photo=photo, **data)
        return Response(FindingOut(finding).data, status=status.HTTP_201_CREATED)


class FindingApi(TenantAPIView):
    required_perm = "assessment.view"

    @extend_schema(responses=FindingOut)
    def get(self, request, pk: int):
        return Response(FindingOut(found(selectors.finding_get(finding_id=pk), "没有这条记录")).data)


class ProposalsApi(TenantAPIView):
    """A-04/C-20: proposals from events, pending first."""

    required_perm = "assessment.view"
    pagination_class = Pagination

    @extend_schema(parameters=[OpenApiParameter("status", str, enum=[s for s, _ in PROPOSAL_STATUSES]),
                               OpenApiParameter("overdue", bool)],
                   responses=AssessmentProposalOut(many=True))
    def get(self, request):
        wanted = request.query_params.get("status") or None
        if wanted and wanted not in dict(PROPOSAL_STATUSES):
            raise ValidationError({"status": ["无效的状态"]})
        overdue = request.query_params.get("overdue", "") in ("1", "true")
        return self.paginate(selectors.proposal_list(status=wanted, overdue=overdue), AssessmentProposalOut)


class ProposalConfirmApi(RowActionAPIView):
    """A-04: confirm with the points chosen within the rule's range: the finding is made."""

    required_perm = "assessment.compile"
    Output = AssessmentProposalOut

    class Input(serializers.Serializer):
        points = serializers.DecimalField(**POINTS)
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    def act(self, request, data, pk):
        services.proposal_confirm(user=request.user, proposal_id=pk, **data)

    def row(self, pk):
        return selectors.proposal_get(proposal_id=pk)


class ProposalRejectApi(RowActionAPIView):
    """A-04: reject with a reason (kept)."""

    required_perm = "assessment.compile"
    Output = AssessmentProposalOut

    class Input(serializers.Serializer):
        reason = serializers.CharField(max_length=limits.LINE)

    def act(self, request, data, pk):
        services.proposal_reject(user=request.user, proposal_id=pk, **data)

    def row(self, pk):
        return selectors.proposal_get(proposal_id=pk)


class PraiseNoteOut(serializers.ModelSerializer):
    class Meta:
        model = PraiseNote
        fields = ["id", "person_id", "person_name", "received_at", "words", "resident", "recorded_by_name"]


class PraisesApi(TenantAPIView):
    """A-04: a resident's praise written down, naming the person: the note and its praise proposal."""

    required_perm = {"GET": "assessment.view", "POST": "assessment.record"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        person_id = serializers.IntegerField(min_value=1)
        words = serializers.CharField(max_length=limits.LINE)
        resident = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
        received_at = BoundedDateTimeField(required=False, allow_null=True)

    @extend_schema(responses=PraiseNoteOut(many=True))
    def get(self, request):
        return self.paginate(selectors.praise_note_list(), PraiseNoteOut)

    @extend_schema(request=Input, responses={201: PraiseNoteOut})
    def post(self, request):
        note = services.praise_note_record(user=request.user, **self.validated(self.Input))
        return Response(PraiseNoteOut(note).data, status=status.HTTP_201_CREATED)


class SheetOut(serializers.Serializer):
    person_id = serializers.IntegerField()
    person_name = serializers.CharField()
    month = serializers.DateField()
    base = serializers.DecimalField(max_digits=7, decimal_places=2)
    points = serializers.DecimalField(max_digits=7, decimal_places=2)
    total = serializers.DecimalField(max_digits=7, decimal_places=2)
    pay = serializers.DecimalField(max_digits=12, decimal_places=2)
    status = serializers.SerializerMethodField()
    compiled_by_name = serializers.SerializerMethodField()
    signed_by_name = serializers.SerializerMethodField()
    findings = FindingOut(many=True)

    def get_status(self, obj) -> str:
        return obj["sheet"].status if obj["sheet"] else "draft"

    def get_compiled_by_name(self, obj) -> str:
        return obj["sheet"].compiled_by_name if obj["sheet"] else ""

    def get_signed_by_name(self, obj) -> str:
        return obj["sheet"].signed_by_name if obj["sheet"] else ""


class SheetApi(TenantAPIView):
    """A-02: one person's 客服人员考核表 for a month (YYYY-MM); `?format=xlsx` gives the .xlsx."""

    required_perm = "assessment.view"

    @extend_schema(responses=SheetOut)
    def get(self, request, person_id: int, month: str):
        services.office_member(user_id=person_id)
        data = selectors.sheet_get(person_id=person_id, month=month_param(month))
        if request.query_params.get("as") == "xlsx":
            return FileResponse(sheet_xlsx(data=data), as_attachment=True,
                                filename=f"assessment-{month}-{person_id}.xlsx")
        return Response(SheetOut(data).data)


class _SheetStep(RowActionAPIView):
    """A-02: a step on one person's sheet of a month (YYYY-MM), answered with the sheet."""

    Output = SheetOut

    def row(self, person_id, month):
        return selectors.sheet_get(person_id=person_id, month=month_param(month))


class SheetCompileApi(_SheetStep):
    """A-02: the supervisor compiles the month: the total is fixed on the sheet."""

    required_perm = "assessment.compile"

    def act(self, request, data, person_id, month):
        services.sheet_compile(user=request.user, person_id=person_id, month=month_param(month))


class SheetSignApi(_SheetStep):
    """A-02: the director spot-checks and signs a compiled sheet."""

    required_perm = "assessment.sign"

    class Input(serializers.Serializer):
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    def act(self, request, data, person_id, month):
        services.sheet_sign(user=request.user, person_id=person_id, month=month_param(month), **data)
