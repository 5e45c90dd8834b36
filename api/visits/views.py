"""The return-visits API (/api/v1/visits/ on office hosts), V-05: queue, detail, attempt, answer. Thin
views over modules/visits services and selectors; errors in the one shape of api/errors.py."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.pagination import Pagination
from api.visits import serializers as s
from modules.visits import models as m
from modules.visits import resident_services, selectors, services


def _detail(pk: int, code=status.HTTP_200_OK) -> Response:
    return Response(s.VisitDetailOut(selectors.visit_get(pk=pk)).data, status=code)


class VisitQueueApi(TenantAPIView):
    required_perm = "visits.view"
    pagination_class = Pagination

    @extend_schema(parameters=[s.QueueIn], responses=s.VisitOut(many=True))
    def get(self, request):
        data = self.query(s.QueueIn)
        qs = selectors.visit_queue(now=timezone.now(), due_today=data["due_today"], overdue=data["overdue"],
                                   source_kind=data.get("source_kind", ""), status=data.get("status") or m.DUE)
        return self.paginate(qs, s.VisitOut)


class VisitDetailApi(TenantAPIView):
    required_perm = "visits.view"

    @extend_schema(responses=s.VisitDetailOut)
    def get(self, request, pk: int):
        return _detail(pk)


class VisitAttemptApi(TenantAPIView):
    required_perm = "visits.handle"

    @extend_schema(request=s.AttemptIn, responses={201: s.VisitDetailOut})
    def post(self, request, pk: int):
        services.visit_attempt_record(user=request.user, visit_id=pk, **self.validated(s.AttemptIn))
        return _detail(pk, status.HTTP_201_CREATED)


class VisitAnswerApi(TenantAPIView):
    required_perm = "visits.handle"

    @extend_schema(request=s.AnswerIn, responses=s.VisitDetailOut)
    def post(self, request, pk: int):
        services.visit_answer_record(user=request.user, visit_id=pk, **self.validated(s.AnswerIn))
        return _detail(pk)


# --- resident visits (V-01, V-02) ---------------------------------------------------------------------

class PlanListApi(TenantAPIView):
    required_perm = {"GET": "visits.view", "POST": "visits.plan"}
    pagination_class = Pagination

    @extend_schema(responses=s.PlanOut(many=True))
    def get(self, request):
        return self.paginate(selectors.visit_plan_list(), s.PlanOut)

    @extend_schema(request=s.PlanIn, responses={201: s.PlanOut})
    def post(self, request):
        plan = resident_services.visit_plan_create(user=request.user, **self.validated(s.PlanIn))
        return Response(s.PlanOut(plan).data, status=status.HTTP_201_CREATED)


class PlanProgressApi(TenantAPIView):
    """V-02: visited / planned per building."""

    required_perm = "visits.view"

    @extend_schema(responses=s.PlanProgressOut)
    def get(self, request, pk: int):
        plan = selectors.visit_plan_get(pk=pk)
        return Response({**s.PlanOut(plan).data, "buildings": selectors.plan_progress(plan_id=plan.pk)})


class ResidentVisitApi(TenantAPIView):
    required_perm = "visits.handle"

    @extend_schema(request=s.ResidentVisitIn, responses={201: s.ResidentVisitOut})
    def post(self, request):
        visit = resident_services.resident_visit_record(user=request.user, **self.validated(s.ResidentVisitIn))
        return Response(s.ResidentVisitOut(visit).data, status=status.HTTP_201_CREATED)


class FeedbackApi(TenantAPIView):
    required_perm = "visits.plan"

    @extend_schema(request=s.FeedbackIn, responses={201: s.ResidentVisitOut})
    def post(self, request, pk: int):
        resident_services.visit_feedback_record(user=request.user, visit_id=pk, **self.validated(s.FeedbackIn))
        return Response(s.ResidentVisitOut(selectors.resident_visit_get(pk=pk)).data, status=status.HTTP_201_CREATED)


class SummaryApi(TenantAPIView):
    """V-02: the drafted monthly summary; PATCH the narrative until signed."""

    required_perm = "visits.summary"

    @extend_schema(responses=s.SummaryOut)
    def get(self, request, pk: int):
        return Response(s.SummaryOut(selectors.visit_summary_get(pk=pk)).data)

    @extend_schema(request=s.SummaryIn, responses=s.SummaryOut)
    def patch(self, request, pk: int):
        row = resident_services.visit_summary_edit(user=request.user, summary_id=pk, **self.validated(s.SummaryIn))
        return Response(s.SummaryOut(row).data)


class SummarySignApi(TenantAPIView):
    required_perm = "visits.summary"

    @extend_schema(request=None, responses=s.SummaryOut)
    def post(self, request, pk: int):
        return Response(s.SummaryOut(resident_services.visit_summary_sign(user=request.user, summary_id=pk)).data)
