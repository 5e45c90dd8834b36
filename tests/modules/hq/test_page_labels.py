"""The head-office case page names what the office mirrored (status, next step, timeline kinds and
statuses) instead of showing its codes (C-11, C-17)."""

import pytest
from django.urls import reverse

from tests.modules.hq.factories import escalate

pytestmark = pytest.mark.django_db


def _case_page(client, case_id) -> str:
    return client.get(reverse("hq:case", args=[case_id], urlconf="core.urls.hq")).content.decode()


def test_case_page_shows_labels_not_codes_C11_C17(world, client_for):
    case_id, _complaint_id = escalate(world, world.alpha, reason="业主要求总部介入")
    page = _case_page(client_for(world.hq, "hq_agent"), case_id)
    timeline = page[page.index('id="timeline"'):]
    assert "分类并回复" in page  # next step `classify`
    assert "登记" in timeline and "已登记" in timeline
    for code in ("→ registered", ">registered<", "classify<"):
        assert code not in page, code


def test_case_page_in_english_uses_the_catalogue(world, client_for):
    client = client_for(world.hq, "hq_agent")
    case_id, _complaint_id = escalate(world, world.alpha)
    client.cookies["django_language"] = "en"
    page = _case_page(client, case_id)
    assert "→ registered" not in page and "classify<" not in page


def test_hq_navigation_reaches_the_complaints_head_office_registered_C16(client_for, world):
    page = client_for(world.hq, "hq_agent").get("/").content.decode()
    assert 'href="/center/complaints/"' in page
