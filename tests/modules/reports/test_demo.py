"""The demo's monthly reports (C-18): head office's pages are not empty after `make demo`."""

import pytest
from django_tenants.utils import schema_context

pytestmark = pytest.mark.django_db


def test_c18_demo_submits_two_months_with_one_office_late(world):
    from core.demo.reports import reports_seed
    from modules.reports.hq.models import ReportExpectation, SubmittedReport

    reports_seed([world.alpha, world.beta])
    reports_seed([world.alpha, world.beta])  # idempotent
    with schema_context(world.hq.schema_name):
        assert SubmittedReport.objects.filter(office_id=world.alpha.pk, version=1).count() == 2
        assert not SubmittedReport.objects.filter(office_id=world.beta.pk).exists()
        statuses = sorted(ReportExpectation.objects.filter(office_id=world.beta.pk).values_list("status", flat=True))
        assert statuses[0] == "expected" or statuses == ["late", "late"]
        assert "late" in statuses
