"""Front-desk and residents pages read their query string through forms: a NUL byte or a bad id is a
form error shown on the page (400), never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BAD_PAGES = ["/frontdesk/contacts/?q=%00", "/frontdesk/custody/?q=%00", "/frontdesk/custody/?status=%00",
             "/frontdesk/workorders/?q=%00&status=%00", "/frontdesk/workorders/?open=%00",
             "/frontdesk/calls/?all=%00", "/frontdesk/visitors/?inside=%00"]


@pytest.mark.parametrize("url", BAD_PAGES)
def test_bad_query_on_page_shows_error_not_500(client_for, world, url):
    response = client_for(world.alpha, "cs_supervisor").get(url)
    assert response.status_code == 400, (url, response.status_code)
    assert 'role="alert"' in response.content.decode()


def test_household_search_with_nul_is_400(client_for, world):
    response = client_for(world.alpha, "cs_staff").get("/residents/households/search/?q=%00")
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
