"""Issue 8 goal 4: what a list request costs does not grow with its rows — the same number of queries and
of translation lookups for a page of one row as for a page of many (labels are translated once per
request, api/fields.py LabelField), and the page count reads a bounded number of rows (api/pagination.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from api import pagination
from tests.api.frontdesk.test_contacts_api import body as contact_body
from tests.modules.complaints.factories import household_make, register
from tests.modules.duty.duty_kit import PAST, at

pytestmark = pytest.mark.django_db
ROWS = 4


@pytest.fixture
def cost(monkeypatch):
    """cost(client, url, params) → (queries, translation lookups) of one GET."""
    real = translation._trans.gettext  # also settles the translation machinery's own attribute cache
    lookups = []
    monkeypatch.setattr(translation._trans, "gettext", lambda message: lookups.append(message) or real(message))

    def measure(client, url, params):
        client.get(url, params)  # settle the connection's search_path and the caches of a first request
        lookups.clear()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, params)
        assert response.status_code == 200, response.content
        return len(ctx.captured_queries), len(lookups), response.json()

    return measure


def _same_cost_for_one_row_and_many(cost, client, url, **params):
    one = cost(client, url, {**params, "page_size": 1})
    many = cost(client, url, {**params, "page_size": ROWS})
    assert len(one[2]["results"]) == 1 and len(many[2]["results"]) == ROWS
    assert one[:2] == many[:2]
    return many[2]


def test_complaint_list_translates_labels_once_per_request_not_per_row(cost, client_for, world, in_tenant):
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        household = household_make(building="成本栋")
        for _ in range(ROWS):
            register(world.users[("alpha", "cs_staff")], household_id=household.pk)
    page = _same_cost_for_one_row_and_many(cost, client_for(world.alpha, "cs_staff"), "/api/v1/complaints/",
                                           building=household.unit.building_id)
    with in_tenant(world.alpha):  # the labels are still those of the model's choices
        for row in page["results"]:
            complaint = Complaint.objects.get(pk=row["id"])
            assert row["status_label"] == complaint.get_status_display()
            assert row["next_step_label"] == complaint.get_next_step_display()


def test_labels_follow_the_language_of_each_request(client_for, world, in_tenant):
    from api.complaints.serializers import ComplaintOut

    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
        with translation.override("en"):
            english = ComplaintOut(complaint).data["status_label"]
        chinese = ComplaintOut(complaint).data["status_label"]
    assert (english, chinese) == ("Registered", "已登记")


def test_work_order_list_cost_does_not_grow_with_rows(cost, client_for, world):
    client = client_for(world.alpha, "cs_staff")
    for _ in range(ROWS):
        client.post("/api/v1/frontdesk/workorders/", {"department": "engineering", "content": "水泵异响"},
                    content_type="application/json")
    _same_cost_for_one_row_and_many(cost, client, "/api/v1/frontdesk/workorders/")


def test_contact_list_cost_does_not_grow_with_rows(cost, client_for, world):
    client = client_for(world.alpha, "cs_staff")
    for _ in range(ROWS):
        assert client.post("/api/v1/frontdesk/contacts/", contact_body(), content_type="application/json"
                           ).status_code == 201
    _same_cost_for_one_row_and_many(cost, client, "/api/v1/frontdesk/contacts/")


def test_duty_log_list_cost_does_not_grow_with_rows(cost, client_for, world):
    client = client_for(world.alpha, "duty_officer")
    for _ in range(ROWS):
        made = client.post("/api/v1/duty/entries/", {"kind": "complaint", "content": "噪音投诉",
                                                     "occurred_at": at(PAST, 14).isoformat()},
                           content_type="application/json")
        assert made.status_code == 201, made.content
    _same_cost_for_one_row_and_many(cost, client, "/api/v1/duty/entries/", instance=made.json()["instance"])


def test_page_count_reads_a_bounded_number_of_rows(monkeypatch, client_for, world, in_tenant):
    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    with in_tenant(world.alpha):
        household = household_make(building="计数栋")
        for _ in range(ROWS):
            register(world.users[("alpha", "cs_staff")], household_id=household.pk)
    client = client_for(world.alpha, "cs_staff")
    query = {"building": household.unit.building_id, "page_size": 1}
    client.get("/api/v1/complaints/", query)
    with CaptureQueriesContext(connection) as ctx:
        first = client.get("/api/v1/complaints/", query).json()
    counts = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1 and counts[0].endswith("LIMIT 3) subquery")  # the cap and one more row
    assert (first["count"], first["count_exact"], first["next"] is not None) == (3, False, True)
    last = client.get("/api/v1/complaints/", {**query, "page": ROWS}).json()  # every page stays reachable
    assert (last["count"], last["count_exact"], last["next"]) == (ROWS, True, None)
    whole = client.get("/api/v1/complaints/", {**query, "page_size": ROWS}).json()
    assert (whole["count"], whole["count_exact"]) == (ROWS, True)


def test_planned_rows_are_what_drf_gives_for_every_model_output(client_for, world, in_tenant):
    """api/output.py RowsPlanned reads plain attributes directly and leaves the rest to DRF: each row of
    every ModelOutput is the dict DRF's own Serializer.to_representation makes of it."""
    from rest_framework import serializers

    from api.output import ModelOutput

    client = client_for(world.alpha, "cs_staff")
    assert client.post("/api/v1/frontdesk/contacts/", contact_body(), content_type="application/json"
                       ).status_code == 201
    with in_tenant(world.alpha):
        register(world.users[("alpha", "cs_staff")], household_id=household_make(building="对照栋").pk)
        outputs = _subclasses(ModelOutput)
        compared = 0
        for output in outputs:
            for row in output.Meta.model.objects.order_by("-pk")[:3]:
                assert output(row).data == serializers.ModelSerializer.to_representation(output(), row), output
                compared += 1
    assert compared >= 3 and len(outputs) >= 4


def _subclasses(cls) -> list:
    import api.complaints.serializers  # noqa: F401 (every output module imported: its classes are listed)
    import api.duty.serializers  # noqa: F401
    import api.frontdesk.contacts  # noqa: F401
    import api.frontdesk.custody  # noqa: F401
    import api.frontdesk.desk  # noqa: F401
    import api.frontdesk.inspections  # noqa: F401
    import api.frontdesk.notices  # noqa: F401
    import api.frontdesk.workorders  # noqa: F401

    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return [c for c in found if getattr(getattr(c, "Meta", None), "model", None) is not None]


def test_complaint_list_rows_read_only_the_columns_a_row_shows(client_for, world, in_tenant):
    """modules/complaints/selectors.py complaint_rows: the page query leaves the columns no row shows in
    the database and joins no incident (its key is the complaint's column); each row is still exactly
    the output of the whole complaint."""
    from api.complaints.serializers import ComplaintOut
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        household = household_make(building="列栋")
        register(world.users[("alpha", "cs_staff")], household_id=household.pk)
    client = client_for(world.alpha, "cs_staff")
    query = {"building": household.unit.building_id}
    client.get("/api/v1/complaints/", query)
    with CaptureQueriesContext(connection) as ctx:
        rows = client.get("/api/v1/complaints/", query).json()["results"]
    page = next(q["sql"] for q in ctx.captured_queries if q["sql"].startswith('SELECT "complaints_complaint"."id"'))
    assert '"complaints_complaint"."sla"' not in page and '"complaints_incident"' not in page
    with in_tenant(world.alpha):
        assert rows == [ComplaintOut(Complaint.objects.get(pk=rows[0]["id"])).data]


def test_planned_rows_convert_a_value_that_is_not_exactly_the_fields_type():
    """api/output.py takes a str, int or bool as it is only when the field would give back the same value;
    an int read by a char field, a str subclass and a bool read by an integer field still go through the
    field's own conversion."""
    from django.utils.safestring import SafeString
    from rest_framework import serializers

    from api.output import RowsPlanned

    class Out(RowsPlanned, serializers.Serializer):
        text = serializers.CharField()
        number = serializers.IntegerField()
        flag = serializers.BooleanField()

    class Row:
        def __init__(self, text, number, flag):
            self.text, self.number, self.flag = text, number, flag

    plain = Out(Row("a", 2, True)).data
    converted = Out(Row(5, True, 1)).data
    safe = Out(Row(SafeString("<b>"), 0, False)).data
    assert dict(plain) == {"text": "a", "number": 2, "flag": True}
    assert dict(converted) == {"text": "5", "number": 1, "flag": True}
    assert type(converted["number"]) is int and safe["text"] == "<b>"
