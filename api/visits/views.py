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
from modules.visits import selectors, services


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
