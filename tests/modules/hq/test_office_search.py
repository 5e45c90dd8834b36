"""Issue 8 goal 5: the hq inbox and the apex offices page stay flat in the number of offices — the office
choice is a search box backed by a paged office search API (hq host), the apex offices page is paged and
searchable, and the number of queries of both pages does not grow with the number of offices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from modules.catalog.views import OFFICES_PAGE
from tests.modules.hq.factories import escalate
from tests.tenancy.office_rows import office_rows

pytestmark = pytest.mark.django_db
INBOX = reverse("hq:inbox", urlconf="core.urls.hq")
APEX_OFFICES = reverse("catalog:offices", urlconf="core.urls.public")


def _queries(client, path, params=None) -> int:
    return _measure(client, path, params)[0]


def _measure(client, path, params=None) -> tuple[int, int]:
    """(queries, bytes) of one warm request."""
    client.get(path, params)  # warm: sessions, settings and caches read once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured), len(response.content)


def test_inbox_does_not_list_every_office_as_an_option(world, client_for):
    office_rows(30)
    page = client_for(world.hq, "hq_agent").get(INBOX).content.decode()
    assert "bulk-7" not in page and "<option value=\"alpha\"" not in page
    assert 'data-search-url="/api/v1/offices/"' in page and "hq/office_search.js" in page


@pytest.mark.parametrize("path_name", ["inbox", "apex"])
def test_page_queries_do_not_grow_with_offices(world, client_for, path_name):
    client = client_for(world.hq, "hq_agent") if path_name == "inbox" else client_for(world.public, "group_admin")
    path = INBOX if path_name == "inbox" else APEX_OFFICES
    escalate(world, world.alpha)
    office_rows(60, prefix="first")  # a full first page of the apex list
    before, size = _measure(client, path)
    office_rows(120)
    after, size_after = _measure(client, path)
    assert after == before and abs(size_after - size) < 200  # same queries, no more rows or options
    assert _queries(client, path, {"office": "管理处", "q": "管理处"}) <= before + 1


def test_inbox_office_text_filters_without_js_C10(world, client_for):
    """No script: the typed text (part of a name or slug) filters the inbox server-side."""
    alpha_case, _ = escalate(world, world.alpha)
    beta_case, _ = escalate(world, world.beta)
    client = client_for(world.hq, "hq_agent")
    page = client.get(INBOX, {"office": "测试bet"}).content.decode()
    table = page[page.index('id="cases"'):]
    assert f"/center/cases/{beta_case}/" in table and f"/center/cases/{alpha_case}/" not in table
    page = client.get(INBOX, {"office": "alph"}).content.decode()
    table = page[page.index('id="cases"'):]
    assert f"/center/cases/{alpha_case}/" in table and f"/center/cases/{beta_case}/" not in table


def test_office_search_api_matches_name_or_slug_paged_and_bounded(world, client_for):
    office_rows(70)
    client = client_for(world.hq, "hq_agent")
    body = client.get("/api/v1/offices/", {"q": "alp"}).json()
    assert [r["slug"] for r in body["results"]] == ["alpha"] and set(body["results"][0]) == {"slug", "name"}
    body = client.get("/api/v1/offices/", {"q": "bulk", "page_size": 1000}).json()
    assert body["count"] == 70 and len(body["results"]) == 50  # bounded page
    assert len(client.get("/api/v1/offices/", {"q": "bulk"}).json()["results"]) == 20
    assert client.get("/api/v1/offices/", {"q": "总部"}).json()["count"] == 0  # offices only, not the hq


def test_office_search_api_is_hq_only_R04(world, client_for):
    assert client_for(world.alpha, "office_director").get("/api/v1/offices/").status_code == 404
    assert client_for(world.public, "group_admin").get("/api/v1/offices/").status_code == 404
    assert client_for(world.hq).get("/api/v1/offices/").status_code in (401, 403)


def test_apex_offices_page_is_paged_and_searchable_R03(world, client_for):
    office_rows(60)
    client = client_for(world.public, "group_admin")
    page = client.get(APEX_OFFICES).content.decode()
    assert page.count("bulk管理处") == OFFICES_PAGE - 1 and "/ 4" in page  # the hq row sorts first
    page = client.get(APEX_OFFICES, {"q": "bulk管理处0059"}).content.decode()
    assert "bulk管理处0059" in page and "bulk管理处0058" not in page
    page = client.get(APEX_OFFICES, {"q": "bulk", "page": 3}).content.decode()
    assert "bulk管理处0059" in page and "bulk管理处0039" not in page and "bulk-59.localhost" in page
    api = client.get("/api/v1/catalog/offices/", {"q": "alpha"}).json()
    assert [r["slug"] for r in api["results"]] == ["alpha"]


def test_forward_form_takes_an_office_slug_not_a_list_C16(world, client_for):
    from tests.modules.hq.factories import hq_complaint

    office_rows(10)
    item = hq_complaint(world)
    client = client_for(world.hq, "hq_agent")
    page = client.get(reverse("hq:complaint", args=[item.pk], urlconf="core.urls.hq")).content.decode()
    assert "bulk-3" not in page and 'data-search-url="/api/v1/offices/"' in page
    response = client.post(reverse("hq:forward", args=[item.pk], urlconf="core.urls.hq"), {"office": "nowhere"})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
