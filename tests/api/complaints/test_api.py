"""The complaints API: register, list, detail, actions; errors; roles; isolation (R-04)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db

URL = "/api/v1/complaints/"
BODY = {"channel": "phone", "content": "车库漏水", "complainant_name": "赵六", "complainant_phone": "13700137000",
        "category": "repairs"}


def test_register_json_and_detail_with_timeline_C02(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    response = client.post(URL, BODY, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["number"].startswith("TS-") and body["status"] == "registered"
    detail = client.get(f"{URL}{body['id']}/").json()
    assert [e["kind"] for e in detail["events"]] == ["registered"]
    assert detail["events"][0]["actor"] == "alpha_cs_staff"


def test_register_multipart_with_attachment_C02(client_for, world):
    photo = SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    response = client_for(world.alpha, "cs_staff").post(URL, {**BODY, "attachments": [photo]})
    assert response.status_code == 201
    assert len(response.json()["attachments"]) == 1


def test_register_idempotency_key_retry_gives_same_complaint_C02(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    first = client.post(URL, BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="api-retry-1")
    again = client.post(URL, BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="api-retry-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]


def test_idempotency_key_of_another_user_never_returns_their_complaint_C02(client_for, world):
    mine = client_for(world.alpha, "cs_staff").post(URL, BODY, content_type="application/json",
                                                    HTTP_IDEMPOTENCY_KEY="api-shared-key")
    theirs = client_for(world.alpha, "cs_leader").post(URL, BODY, content_type="application/json",
                                                       HTTP_IDEMPOTENCY_KEY="api-shared-key")
    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]


def test_idempotency_key_longer_than_column_is_400_naming_header_C02(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    response = client.post(URL, BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k" * 101)
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["error"]["fields"]
    again = client.post(URL, BODY, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k" * 100)
    assert again.status_code == 201


@pytest.mark.parametrize("field,value", [("complainant_phone", "123"), ("channel", "pigeon"), ("category", "x")])
def test_register_bad_input_is_400_naming_field_C02(client_for, world, field, value):
    response = client_for(world.alpha, "cs_staff").post(URL, {**BODY, field: value}, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_register_without_role_is_403(client_for, world):
    assert client_for(world.alpha, "cashier").post(URL, BODY, content_type="application/json").status_code == 403
    assert client_for(world.alpha, "engineering").get(URL).status_code == 403


def test_other_office_user_is_404_R04(client_for, world):
    client = client_for(world.alpha, "cs_staff", user_of=world.beta)
    assert client.get(URL).status_code == 404
    assert client.post(URL, BODY, content_type="application/json").status_code == 404


def test_alpha_complaint_is_404_on_beta_host_R04(client_for, world, in_tenant):
    from modules.complaints.models import Complaint

    with in_tenant(world.beta):
        beta_max = max(Complaint.objects.values_list("pk", flat=True), default=0)
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
        while complaint.pk <= beta_max:
            complaint = register(world.users[("alpha", "cs_staff")])
    client = client_for(world.beta, "office_director")
    assert client.get(f"{URL}{complaint.pk}/").status_code == 404
    response = client.post(f"{URL}{complaint.pk}/note/", {"text": "x"}, content_type="application/json")
    assert response.status_code == 404


def test_list_filters_and_orders_by_due_C17(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        household = household_make(building="API栋")
        mine = register(staff, household_id=household.pk)
    client = client_for(world.alpha, "cs_supervisor")
    rows = client.get(URL, {"building": household.unit.building_id}).json()["results"]
    assert [r["id"] for r in rows] == [mine.pk]
    dues = [r["due_at"] for r in client.get(URL, {"status": "registered"}).json()["results"] if r["due_at"]]
    assert dues == sorted(dues)
    assert client.get(URL, {"overdue": "maybe"}).json()["error"]["fields"].keys() == {"overdue"}


def test_list_query_count_does_not_grow_with_page_size_C17(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        for _ in range(3):
            register(staff, household_id=household_make().pk)
    client = client_for(world.alpha, "cs_staff")
    client.get(URL)  # settle the connection on alpha's search_path (h-tenancy sets it once per tenant)
    counts = []
    for size in (1, 50):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL, {"page_size": size})
        assert response.status_code == 200 and len(response.json()["results"]) >= min(size, 3)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_no_delete_endpoint_C15(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
    client = client_for(world.alpha, "office_director")
    assert client.delete(f"{URL}{complaint.pk}/").status_code == 405
    assert client.put(f"{URL}{complaint.pk}/", {}, content_type="application/json").status_code == 405


def test_list_filters_assignee_collective_due_today_classification(client_for, world, in_tenant):
    from django.utils import timezone

    from modules.complaints import services
    from modules.complaints.models import Complaint

    staff, officer = world.users[("alpha", "cs_staff")], world.users[("alpha", "duty_officer")]
    with in_tenant(world.alpha):
        mine = register(staff)
        services.complaint_assign(user=staff, complaint_id=mine.pk, assignee_id=officer.pk)
        services.complaint_classify(user=staff, complaint_id=mine.pk, classification="invalid")
        late = register(staff)
        Complaint.objects.filter(pk=late.pk).update(due_at=timezone.now())
        tomorrow = register(staff)
        Complaint.objects.filter(pk=tomorrow.pk).update(due_at=timezone.now() + timezone.timedelta(days=1))
    client = client_for(world.alpha, "cs_staff")

    def ids(**params):
        return {r["id"] for r in client.get(URL, {"page_size": 200, **params}).json()["results"]}

    assert mine.pk in ids(assignee=officer.pk) and late.pk not in ids(assignee=officer.pk)
    assert late.pk in ids(due_today="true") and tomorrow.pk not in ids(due_today="true")
    assert mine.pk in ids(classification="invalid") and late.pk not in ids(classification="invalid")
    assert late.pk in ids(overdue="true") and late.pk not in ids(overdue="false")
    assert mine.pk in ids(collective="false") and mine.pk not in ids(collective="true")


@pytest.mark.parametrize("kind", ["json", "multipart", "household"])
def test_register_answer_is_the_detail_without_reading_what_is_not_there_yet_C02(client_for, world, in_tenant,
                                                                                 kind):
    """Issue 8 goal 4: the 201 body is exactly what GET of the new complaint gives, read without the
    queries for replies, referrals, spot checks, a reopening or attachments, which a new complaint cannot
    have (attachments only when some came with it)."""
    client = client_for(world.alpha, "cs_staff")
    if kind == "multipart":
        photo = SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n" + b"1" * 20, content_type="image/png")
        response = client.post(URL, {**BODY, "attachments": [photo]})
    elif kind == "household":
        with in_tenant(world.alpha):
            household = household_make(building="答栋")
        response = client.post(URL, {**BODY, "household_id": household.pk}, content_type="application/json")
        assert response.json()["unit"] == str(household.unit)
    else:
        client.post(URL, BODY, content_type="application/json")  # the year's counter row exists
        with CaptureQueriesContext(connection) as ctx:
            response = client.post(URL, BODY, content_type="application/json")
        tables = " ".join(q["sql"] for q in ctx.captured_queries)
        assert not any(f'"complaints_{t}"' in tables for t in ("reply", "referral", "spotcheck", "complaint_attachments"))
        assert sum('"complaints_complaintcounter"' in q["sql"] for q in ctx.captured_queries) == 1  # C-02
        assert sum('"catalog_setting"' in q["sql"] for q in ctx.captured_queries) == 1  # S-08 frozen, categories
    assert response.status_code == 201
    assert response.json() == client.get(f"{URL}{response.json()['id']}/").json()
