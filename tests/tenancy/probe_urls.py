"""The probe URLconf: the office routes plus two probe views (see tests/tenancy/probe.py)."""

from django.db.migrations.recorder import MigrationRecorder
from django.http import HttpResponse, JsonResponse
from django.urls import path

from core.urls.office import urlpatterns as office_urlpatterns
from tests.tenancy.probe import CONST_PATH, ROW_PATH


def const_view(request):
    return HttpResponse("pong")


def row_view(request):
    row = MigrationRecorder.Migration.objects.order_by("id").values("app", "name").first()
    return JsonResponse(row)


urlpatterns = [
    path(CONST_PATH.strip("/") + "/", const_view),
    path(ROW_PATH.strip("/") + "/", row_view),
    *office_urlpatterns,
]
