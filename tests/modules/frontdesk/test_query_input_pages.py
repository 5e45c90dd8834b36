"""Front-desk and residents pages read their query string through forms: a bad value or id is a form
error shown on the page (400), never a 500. A NUL byte never reaches them: core.middleware answers 400
at the door (tests/core/test_null_bytes.py), and these pages with one are 400 too."""

import pytest

pytestmark = pytest.mark.django_db

LONG = "长" * 65  # over the search fields' max_length
BAD_PAGES = [f"/frontdesk/contacts/?q={LONG}", f"/frontdesk/custody/?q={LONG}", "/frontdesk/custody/?status=bogus",
             "/frontdesk/workorders/?status=bogus", "/frontdesk/workorders/?open=maybe",
             "/frontdesk/calls/?all=maybe", "/frontdesk/visitors/?inside=maybe"]
NUL_PAGES = ["/frontdesk/contacts/?q=%00", "/frontdesk/custody/?status=%00", "/frontdesk/workorders/?q=%00",
             "/frontdesk/calls/?all=%00", "/frontdesk/visitors/?inside=%00", "/residents/households/search/?q=%00"]


@pytest.mark.parametrize("url", BAD_PAGES)
def test_bad_query_on_page_shows_error_not_500(client_for, world, url):
    response = client_for(world.alpha, "cs_supervisor").get(url)
    assert response.status_code == 400, (url, response.status_code)
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("url", NUL_PAGES)
def test_nul_byte_on_page_is_400_not_500(client_for, world, url):
    assert client_for(world.alpha, "cs_supervisor").get(url).status_code == 400


def test_household_search_with_bad_q_is_400(client_for, world):
    response = client_for(world.alpha, "cs_staff").get(f"/residents/households/search/?q={LONG}")
    assert response.status_code == 400
    assert "q" in response.json()["errors"]


def test_buildings_page_with_non_ascii_digit_is_form_error(client_for, world):
    response = client_for(world.alpha, "cs_staff").get("/residents/buildings/?building=²")
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_good_queries_still_render(client_for, world):
    client = client_for(world.alpha, "cs_supervisor")
    for url in ("/frontdesk/custody/?status=all&q=1", "/frontdesk/workorders/?open=1",
                "/frontdesk/visitors/?inside=0", "/residents/buildings/?building=1"):
        assert client.get(url).status_code == 200, url
