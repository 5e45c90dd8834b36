"""The special-services demo seed (core/demo/services.py): small, every page shows something, idempotent."""

from __future__ import annotations

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

        assert Booking.objects.count() == 5 and Subcontractor.objects.count() == 2
        assert Booking.objects.filter(status="settled").count() == 1 and MoneyEntry.objects.exists()
        assert any(row["revenue"] > 0 for row in item_month_figures(month=local_day().replace(day=1)))
