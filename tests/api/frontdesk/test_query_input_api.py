"""Every query parameter of the front-desk and residents API is read through an input serializer: a NUL
byte (which PostgreSQL refuses) or an unknown code is a 400 naming the parameter, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    ("/api/v1/frontdesk/notices/?status=%00", "status"),
    ("/api/v1/frontdesk/workorders/?status=%00", "status"),
    ("/api/v1/frontdesk/workorders/?department=%00", "department"),
    ("/api/v1/frontdesk/workorders/?overdue=%00", "overdue"),
    ("/api/v1/frontdesk/contacts/?q=%00", "q"),
    ("/api/v1/frontdesk/contacts/?day=%00", "day"),
    ("/api/v1/frontdesk/inspections/?status=%00", "status"),
    ("/api/v1/frontdesk/inspections/?day=2026-13-01", "day"),
    ("/api/v1/frontdesk/custody/?q=%00", "q"),
    ("/api/v1/frontdesk/custody-incidents/?open=%00", "open"),
    ("/api/v1/frontdesk/inspections/to-review/?day=%00", "day"),
    ("/api/v1/frontdesk/visitors/?inside=%00", "inside"),
    ("/api/v1/frontdesk/missed-calls/?all=%00", "all"),
    ("/api/v1/residents/households/?q=%00", "q"),
]


@pytest.mark.parametrize(("url", "field"), BAD_QUERIES)
def test_bad_query_parameter_is_400_naming_it(client_for, world, url, field):
    response = client_for(world.alpha, "cs_supervisor").get(url)
    assert response.status_code == 400, (url, response.status_code)
    error = response.json()["error"]
    assert field in error["fields"], error


def test_good_query_parameters_still_filter(client_for, world):
    client = client_for(world.alpha, "cs_supervisor")
    for url in ("/api/v1/frontdesk/workorders/?open=1&overdue=false", "/api/v1/frontdesk/contacts/?q=1&day=2026-01-05",
                "/api/v1/frontdesk/visitors/?inside=1", "/api/v1/residents/households/?q=101"):
        assert client.get(url).status_code == 200, url
