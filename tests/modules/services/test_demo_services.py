"""The special-services demo seed (core/demo/services.py): small, every page shows something, idempotent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django_tenants.utils import tenant_context

from core.demo.base import staff_of
from core.demo.services import services_seed

pytestmark = pytest.mark.django_db


def test_s03_s05_demo_seed_has_bookings_subcontractors_and_a_settled_job(world):
    import random

    from core.demo.base import residents_ensure
    from modules.services.models import Booking, MoneyEntry, Subcontractor
    from modules.services.selectors import item_month_figures

    with tenant_context(world.alpha):
        residents_ensure(world.alpha, ["1栋"], random.Random(1))
    for _ in range(2):  # a second run adds nothing
        with tenant_context(world.alpha):
            services_seed(world.alpha, staff_of(world.alpha))
    with tenant_context(world.alpha):
        from modules.services.catalog.selectors import local_day
        from modules.services.models import ServiceAgreement
        from modules.services.selectors import evaluations_by_worker
        from modules.visits.models import ReturnVisit

        assert Subcontractor.objects.count() == 2 and MoneyEntry.objects.exists()
        assert Booking.objects.filter(status="booked", quoted_at__isnull=True, channel="online").count() == 1
        agreement = ServiceAgreement.objects.get()
        assert agreement.status == "active" and agreement.jobs.count() == 2 and agreement.money.exists()
        assert ReturnVisit.objects.filter(source_kind="agreement", source_id=agreement.pk).count() == 2
        this_month = local_day().replace(day=1)
        months = [this_month]
        for _ in range(3):
            months.append((months[-1] - timedelta(days=1)).replace(day=1))
        for month in months:  # S-06: every one of the four months shows settled revenue
            assert any(row["revenue"] > 0 for row in item_month_figures(month=month)), month
        assert any(row["loss"] for row in item_month_figures(month=months[1]))  # the subcontractor's fee
        assert evaluations_by_worker(month=months[2])
        assert ReturnVisit.objects.filter(source_kind="service").exists()
