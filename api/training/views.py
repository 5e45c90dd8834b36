"""Training API (A-05, A-06): thin views over modules/training services and selectors."""

from __future__ import annotations

from decimal import Decimal

from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.assessment.views import month_param
from api.base import TenantAPIView, found
from api.fields import BoundedDateField, BoundedDateTimeField, LabelField
from api.pagination import Pagination
from core import limits
from modules.training import selectors, services
from modules.training.export import record_xlsx
from modules.training.models import (
    ATTENDANCE,
    CATEGORIES,
    EXAM_KINDS,
    EXAM_OPEN_KINDS,
    LADDER_STEPS,
    PLAN_KINDS,
    PLAN_STATUSES,
    SESSION_STATUSES,
    Attendance,
    ExamResult,
    ExamRound,
    Induction,
    Plan,
    PlanItem,
    Session,
)

SCORE = {"max_digits": 5, "decimal_places": 2, "min_value": 0, "max_value": 100}


class TrainingPlanItemOut(serializers.ModelSerializer):
    class Meta:
        model = PlanItem
        fields = ["id", "category", "topic", "audience", "trainer_name", "planned_on", "class_hours"]


class TrainingPlanOut(serializers.ModelSerializer):
    kind_label = LabelField(PLAN_KINDS, source="kind")
    status_label = LabelField(PLAN_STATUSES, source="status")

    class Meta:
        model = Plan
        fields = ["id", "kind", "kind_label", "period", "status", "status_label", "submit_due_at", "approve_due_at",
                  "note", "submitted_by_name", "submitted_at", "approved_by_name", "approved_at", "return_reason",
                  "submit_reminded_at", "submit_overdue_at", "approve_reminded_at", "approve_overdue_at"]


class TrainingPlanDetailOut(TrainingPlanOut):
    items = TrainingPlanItemOut(many=True, read_only=True)

    class Meta(TrainingPlanOut.Meta):
        fields = [*TrainingPlanOut.Meta.fields, "items"]


class PlansApi(TenantAPIView):
    """A-05: the training plans; POST opens the plan of a year or a month (its deadlines from the catalog)."""

    required_perm = {"GET": "training.view", "POST": "training.plan"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        kind = serializers.ChoiceField(choices=PLAN_KINDS)
        period = BoundedDateField()

    @extend_schema(parameters=[OpenApiParameter("due", bool)], responses=TrainingPlanOut(many=True))
    def get(self, request):
        return self.paginate(selectors.plan_list(due=request.query_params.get("due") in ("1", "true")),
                             TrainingPlanOut)

    @extend_schema(request=Input, responses={201: TrainingPlanDetailOut})
    def post(self, request):
        plan = services.plan_open(user=request.user, **self.validated(self.Input))
        return Response(TrainingPlanDetailOut(plan).data, status=status.HTTP_201_CREATED)


class PlanApi(TenantAPIView):
    required_perm = "training.view"

    @extend_schema(responses=TrainingPlanDetailOut)
    def get(self, request, pk: int):
        return Response(TrainingPlanDetailOut(found(selectors.plan_get(plan_id=pk), "没有这份培训计划")).data)


class PlanItemsApi(TenantAPIView):
    """A-05: add a line to a plan being drafted."""

    required_perm = "training.plan"

    class Input(serializers.Serializer):
        category = serializers.ChoiceField(choices=CATEGORIES)
        topic = serializers.CharField(max_length=limits.NAME)
        audience = serializers.CharField(max_length=limits.NAME, required=False, allow_blank=True, default="")
        trainer_name = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
        planned_on = BoundedDateField(required=False, allow_null=True)
        class_hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=Decimal("0.5"), max_value=200)

    @extend_schema(request=Input, responses={201: TrainingPlanItemOut})
    def post(self, request, pk: int):
        item = services.plan_item_add(user=request.user, plan_id=pk, **self.validated(self.Input))
        return Response(TrainingPlanItemOut(item).data, status=status.HTTP_201_CREATED)


class PlanSubmitApi(TenantAPIView):
    """A-05: the supervisor submits the plan to the office director."""

    required_perm = "training.plan"

    class Input(serializers.Serializer):
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=TrainingPlanDetailOut)
    def post(self, request, pk: int):
        return Response(TrainingPlanDetailOut(services.plan_submit(user=request.user, plan_id=pk,
                                                                   **self.validated(self.Input))).data)


class PlanApproveApi(TenantAPIView):
    """A-05: only the office director approves (another role: 403, nothing written)."""

    required_perm = "training.approve"

    class Input(serializers.Serializer):
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=TrainingPlanDetailOut)
    def post(self, request, pk: int):
        return Response(TrainingPlanDetailOut(services.plan_approve(user=request.user, plan_id=pk,
                                                                    **self.validated(self.Input))).data)


class PlanReturnApi(TenantAPIView):
    """A-05: the director returns the plan with a reason."""

    required_perm = "training.approve"

    class Input(serializers.Serializer):
        reason = serializers.CharField(max_length=limits.LINE)

    @extend_schema(request=Input, responses=TrainingPlanDetailOut)
    def post(self, request, pk: int):
        return Response(TrainingPlanDetailOut(services.plan_return(user=request.user, plan_id=pk,
                                                                   **self.validated(self.Input))).data)


class TrainingAttendanceOut(serializers.ModelSerializer):
    status_label = LabelField(ATTENDANCE, source="status")

    class Meta:
        model = Attendance
        fields = ["id", "person_id", "person_name", "status", "status_label", "note", "proposal_id"]


class TrainingSessionOut(serializers.ModelSerializer):
    category_label = LabelField(CATEGORIES, source="category")
    status_label = LabelField(SESSION_STATUSES, source="status")

    class Meta:
        model = Session
        fields = ["id", "number", "category", "category_label", "topic", "trainer_name", "starts_at", "class_hours",
                  "place", "plan_item", "status", "status_label", "summary", "recorded_by_name", "recorded_at"]


class TrainingSessionDetailOut(TrainingSessionOut):
    attendance = TrainingAttendanceOut(many=True, read_only=True)

    class Meta(TrainingSessionOut.Meta):
        fields = [*TrainingSessionOut.Meta.fields, "attendance"]


class SessionsApi(TenantAPIView):
    """A-05: sessions (`?week=1`: this week's); POST adds one."""

    required_perm = {"GET": "training.view", "POST": "training.record"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        category = serializers.ChoiceField(choices=CATEGORIES)
        topic = serializers.CharField(max_length=limits.NAME)
        trainer_name = serializers.CharField(max_length=64)
        starts_at = BoundedDateTimeField()
        class_hours = serializers.DecimalField(max_digits=4, decimal_places=1, min_value=Decimal("0.5"), max_value=12)
        place = serializers.CharField(max_length=limits.NAME, required=False, allow_blank=True, default="")
        plan_item_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True)

    @extend_schema(parameters=[OpenApiParameter("week", bool)], responses=TrainingSessionOut(many=True))
    def get(self, request):
        week = request.query_params.get("week") in ("1", "true")
        return self.paginate(selectors.session_list(week_of=timezone.now() if week else None), TrainingSessionOut)

    @extend_schema(request=Input, responses={201: TrainingSessionOut})
    def post(self, request):
        session = services.session_create(user=request.user, **self.validated(self.Input))
        return Response(TrainingSessionOut(session).data, status=status.HTTP_201_CREATED)


class SessionApi(TenantAPIView):
    """A-05: one session with its attendance; `?as=xlsx` is its 培训记录表."""

    required_perm = "training.view"

    @extend_schema(responses=TrainingSessionDetailOut)
    def get(self, request, pk: int):
        session = found(selectors.session_get(session_id=pk), "没有这次培训")
        if request.query_params.get("as") == "xlsx":
            return FileResponse(record_xlsx(data=selectors.session_record_sheet(session=session)), as_attachment=True,
                                filename=f"training-{session.number}.xlsx")
        return Response(TrainingSessionDetailOut(session).data)


class AttendanceRow(serializers.Serializer):
    person_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    status = serializers.ChoiceField(choices=ATTENDANCE)
    note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")


class SessionAttendanceApi(TenantAPIView):
    """A-05/A-06: attendance (present, excused, unexcused absence: proposes PX-01 once)."""

    required_perm = "training.record"

    class Input(serializers.Serializer):
        rows = AttendanceRow(many=True, max_length=services.MAX_ATTENDANCE_ROWS, min_length=1)

    @extend_schema(request=Input, responses=TrainingSessionDetailOut)
    def post(self, request, pk: int):
        services.session_attendance_set(user=request.user, session_id=pk, **self.validated(self.Input))
        return Response(TrainingSessionDetailOut(selectors.session_get(session_id=pk)).data)


class SessionRecordApi(TenantAPIView):
    """A-05: the 培训记录表 filled in: the session recorded as held, with its effect."""

    required_perm = "training.record"

    class Input(serializers.Serializer):
        summary = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=TrainingSessionDetailOut)
    def post(self, request, pk: int):
        services.session_record(user=request.user, session_id=pk, **self.validated(self.Input))
        return Response(TrainingSessionDetailOut(selectors.session_get(session_id=pk)).data)


class TrainingResultOut(serializers.ModelSerializer):
    step_label = LabelField(LADDER_STEPS, source="step")

    class Meta:
        model = ExamResult
        fields = ["id", "person_id", "person_name", "sitting", "sat_on", "written_score", "practical_score", "passed",
                  "fail_count", "step", "step_label", "retake_due_at", "retake_overdue_at", "proposal_id", "note",
                  "graded_by_name", "graded_at"]


class TrainingExamOut(serializers.ModelSerializer):
    kind_label = LabelField(EXAM_KINDS, source="kind")

    class Meta:
        model = ExamRound
        fields = ["id", "number", "kind", "kind_label", "title", "period", "due_at", "practical", "pass_score",
                  "status", "held_on", "reminded_at", "overdue_at"]


class TrainingExamDetailOut(TrainingExamOut):
    results = TrainingResultOut(many=True, read_only=True)

    class Meta(TrainingExamOut.Meta):
        fields = [*TrainingExamOut.Meta.fields, "results"]


class ExamsApi(TenantAPIView):
    """A-05: exam rounds (`?open=1`: not yet held); POST opens a monthly or a quarterly fire-safety exam."""

    required_perm = {"GET": "training.view", "POST": "training.grade"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        kind = serializers.ChoiceField(choices=EXAM_OPEN_KINDS)
        period = BoundedDateField()
        title = serializers.CharField(max_length=limits.NAME, required=False, allow_blank=True, default="")

    @extend_schema(parameters=[OpenApiParameter("open", bool)], responses=TrainingExamOut(many=True))
    def get(self, request):
        return self.paginate(selectors.round_list(open_only=request.query_params.get("open") in ("1", "true")),
                             TrainingExamOut)

    @extend_schema(request=Input, responses={201: TrainingExamOut})
    def post(self, request):
        exam = services.exam_round_open(user=request.user, **self.validated(self.Input))
        return Response(TrainingExamOut(exam).data, status=status.HTTP_201_CREATED)


class ExamApi(TenantAPIView):
    required_perm = "training.view"

    @extend_schema(responses=TrainingExamDetailOut)
    def get(self, request, pk: int):
        return Response(TrainingExamDetailOut(found(selectors.round_get(round_id=pk), "没有这次考核")).data)


class ExamResultsApi(TenantAPIView):
    """A-06: one person's sitting; a failure climbs the retake ladder and proposes its points."""

    required_perm = "training.grade"

    class Input(serializers.Serializer):
        person_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
        written_score = serializers.DecimalField(**SCORE)
        practical_score = serializers.DecimalField(**SCORE, required=False, allow_null=True)
        sat_on = BoundedDateField(required=False, allow_null=True)
        note = serializers.CharField(max_length=limits.LINE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses={201: TrainingResultOut})
    def post(self, request, pk: int):
        result = services.exam_result_record(user=request.user, round_id=pk, **self.validated(self.Input))
        return Response(TrainingResultOut(result).data, status=status.HTTP_201_CREATED)


class TrainingInductionOut(serializers.ModelSerializer):
    exam_id = serializers.SerializerMethodField()

    class Meta:
        model = Induction
        fields = ["id", "person_id", "person_name", "started_on", "hours_required", "hours_due_at", "hours_done_at",
                  "hours_overdue_at", "exam_id"]

    def get_exam_id(self, obj) -> int | None:
        exam = getattr(obj, "exam", None)
        return exam.pk if exam else None


class InductionsApi(TenantAPIView):
    """A-05: inductions; POST starts one (hours due in 5 working days, theory exam on the 10th)."""

    required_perm = {"GET": "training.view", "POST": "training.plan"}

    class Input(serializers.Serializer):
        person_id = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
        started_on = BoundedDateField()

    @extend_schema(responses=TrainingInductionOut(many=True))
    def get(self, request):
        return Response(TrainingInductionOut([r["i"] for r in selectors.induction_list()], many=True).data)

    @extend_schema(request=Input, responses={201: TrainingInductionOut})
    def post(self, request):
        induction = services.induction_start(user=request.user, **self.validated(self.Input))
        return Response(TrainingInductionOut(induction).data, status=status.HTTP_201_CREATED)


class TrainingPassRateOut(serializers.Serializer):
    month = serializers.CharField()
    sitting = serializers.IntegerField()
    examinees = serializers.IntegerField()
    passed = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    target = serializers.DecimalField(max_digits=6, decimal_places=2)
    met = serializers.BooleanField(allow_null=True)


class PassRatesApi(TenantAPIView):
    """A-06: the office's pass rate per sitting for `?month=YYYY-MM`, against the targets."""

    required_perm = "training.view"

    @extend_schema(parameters=[OpenApiParameter("month", str, required=True)],
                   responses=TrainingPassRateOut(many=True))
    def get(self, request):
        month = month_param(request.query_params.get("month"))
        return Response(TrainingPassRateOut(selectors.pass_rates(month=month), many=True).data)
