"""Issue 9 §3.9: the duty archive opens on the last month that can be archived (D-07), and the
director's spot check opens on last month (C-19)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _last_month():
    from datetime import timedelta

    end = timezone.localdate().replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def test_archive_page_opens_on_the_last_month_that_can_be_archived_D07(world, client_for):
    from modules.duty.models import MonthArchive

    first, _end = _last_month()
    client = client_for(world.alpha, "records_clerk")
    page = client.get(reverse("duty:archive", urlconf="core.urls.office")).content.decode()
    assert f'value="{first:%Y-%m}"' in page
    assert f"归档{first.year}年{first.month}月" in page and "归档本月" not in page
    assert "data-confirm=" in page  # D-07: archiving cannot be undone, so it asks first
    month = re.search(r'name="month" value="([0-9-]+)"', page[page.index('id="archive-form"'):]).group(1)
    client.post(reverse("duty:archive-month", urlconf="core.urls.office"), {"month": month})
    from django_tenants.utils import schema_context

    with schema_context(world.alpha.schema_name):
        assert MonthArchive.objects.filter(month=first).exists()


def test_archive_page_on_the_current_month_offers_no_archive_button_D07(world, client_for):
    today = timezone.localdate()
    page = client_for(world.alpha, "records_clerk").get(
        reverse("duty:archive", urlconf="core.urls.office") + f"?month={today:%Y-%m}").content.decode()
    assert 'id="not-over"' in page and 'id="archive-form"' not in page


def test_spot_check_page_opens_on_last_month_C19(world, client_for):
    first, end = _last_month()
    page = client_for(world.alpha, "office_director").get(
        reverse("complaints:spot-checks", urlconf="core.urls.office")).content.decode()
    assert f'value="{first.isoformat()}"' in page and f'value="{end.isoformat()}"' in page
