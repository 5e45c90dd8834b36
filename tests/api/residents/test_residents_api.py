"""Residents API (P-01, P-02): list/search, detail, create, PATCH, households, buildings/units, import.
Bad input is 400 with the field named; a role without the permission 403; another office's user 404."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from modules.residents.models import Resident
from modules.residents.services import resident_register

pytestmark = pytest.mark.django_db

HEADER = ["楼栋", "房号", "户名", "类型", "姓名", "身份", "电话", "备注"]
ROWS = [["1栋", "101", "张家", "住户", "张三", "业主", "13800138000", ""],
        ["2栋", "201", "星辰科技", "企业", "赵经理", "租户", "0571-88886666", "前台"]]


def roster(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("roster.xlsx", buffer.getvalue())


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make(tenant, in_tenant, name="张三", phone="13800138000", unit="101", building="1栋"):
    with in_tenant(tenant):
        return resident_register(building_name=building, unit_number=unit, household_name=name, name=name,
                                 phone=phone)


def test_list_filters_and_search(client_for, world, in_tenant):
    zhang = make(world.alpha, in_tenant)
    li = make(world.alpha, in_tenant, name="李四", phone="13911112222", unit="202", building="2栋")
    client = client_for(world.alpha, "cs_staff")
    data = client.get("/api/v1/residents/").json()
    assert data["count"] == 2 and data["results"][0]["unit"] == "1栋-101"
    assert [r["id"] for r in client.get("/api/v1/residents/", {"q": "1111"}).json()["results"]] == [li.pk]
    assert [r["id"] for r in client.get("/api/v1/residents/", {"unit": "101"}).json()["results"]] == [zhang.pk]
    building = zhang.household.unit.building_id
    assert client.get("/api/v1/residents/", {"building": building}).json()["count"] == 1
    assert client.get("/api/v1/residents/", {"relation": "tenant"}).json()["count"] == 0


def test_list_bad_filter_is_400_with_field(client_for, world):
    response = client_for(world.alpha, "cs_staff").get("/api/v1/residents/", {"relation": "boss"})
    assert response.status_code == 400 and "relation" in response.json()["error"]["fields"]


def test_list_query_count_does_not_grow_with_page_size(client_for, world, in_tenant):
    for i in range(6):
        make(world.alpha, in_tenant, name=f"住户{i}", phone=f"1380013800{i}", unit=f"10{i}")
    client = client_for(world.alpha, "cs_staff")
    client.get("/api/v1/residents/")  # warm-up: one-time loads (tenant map, caches) are not per page
    counts = []
    for size in (2, 6):
        with CaptureQueriesContext(connection) as queries:
            assert len(client.get("/api/v1/residents/", {"page_size": size}).json()["results"]) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_detail_and_patch(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    client = client_for(world.alpha, "cs_staff")
    assert client.get(f"/api/v1/residents/{resident.pk}/").json()["household_name"] == "张三"
    response = client.patch(f"/api/v1/residents/{resident.pk}/", {"phone": "010-62345678", "relation": "tenant"},
                            content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["phone"], response.json()["relation"]) == ("010-62345678", "tenant")


@pytest.mark.parametrize("body, field", [
    ({"phone": "12345"}, "phone"), ({"name": ""}, "name"), ({"relation": "boss"}, "relation"),
    ({"email": "not-mail"}, "email"),
])
def test_patch_bad_input_is_400_with_field_named(client_for, world, in_tenant, body, field):
    resident = make(world.alpha, in_tenant)
    response = client_for(world.alpha, "cs_staff").patch(f"/api/v1/residents/{resident.pk}/", body,
                                                         content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    with in_tenant(world.alpha):
        assert Resident.objects.get(pk=resident.pk).phone == "13800138000"


def test_create_by_place_and_by_household(client_for, world, in_tenant):
    client = client_for(world.alpha, "cs_staff")
    first = client.post("/api/v1/residents/", {"building": "5栋", "unit_number": "501", "household_name": "周家",
                                               "name": "周九", "phone": "13612345678"},
                        content_type="application/json")
    assert first.status_code == 201 and first.json()["unit"] == "5栋-501"
    second = client.post("/api/v1/residents/", {"household": first.json()["household"], "name": "周小九",
                                                "relation": "family", "phone": "13612345679"},
                         content_type="application/json")
    assert second.status_code == 201 and second.json()["household"] == first.json()["household"]


@pytest.mark.parametrize("body, field", [
    ({"building": "5栋", "unit_number": "501", "name": "周九", "phone": "02112"}, "phone"),
    ({"building": "", "unit_number": "501", "name": "周九", "phone": "13612345678"}, "building"),
    ({"household": 999999, "name": "周九", "phone": "13612345678"}, "household"),
])
def test_create_bad_input_is_400_with_field_named(client_for, world, in_tenant, body, field):
    response = client_for(world.alpha, "cs_staff").post("/api/v1/residents/", body, content_type="application/json")
    assert response.status_code == 400 and field in response.json()["error"]["fields"]
    with in_tenant(world.alpha):
        assert not Resident.objects.exists()


def test_households_search_P02(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    data = client_for(world.alpha, "cs_staff").get("/api/v1/residents/households/", {"q": "13800138000"}).json()
    assert data == [{"id": resident.household_id, "unit": "1栋-101", "name": "张三", "kind": "home",
                     "residents": [{"id": resident.pk, "name": "张三", "relation": "owner", "phone": "13800138000"}]}]


def test_buildings_and_units(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    client = client_for(world.alpha, "cashier")
    buildings = client.get("/api/v1/residents/buildings/").json()["results"]
    assert [(b["name"], b["unit_count"]) for b in buildings] == [("1栋", 1)]
    units = client.get("/api/v1/residents/units/", {"building": buildings[0]["id"]}).json()["results"]
    assert [u["id"] for u in units] == [resident.household.unit_id]


def test_import_dry_run_then_import_then_reimport_P01(client_for, world, in_tenant,
                                                     django_capture_on_commit_callbacks):
    client = client_for(world.alpha, "records_clerk")
    dry = client.post("/api/v1/residents/import/", {"file": roster(ROWS), "dry_run": "true"})
    assert dry.status_code == 200
    assert dry.json()["is_valid"] and dry.json()["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    with in_tenant(world.alpha):
        assert not Resident.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):  # the queued job runs (eagerly) at commit
        done = client.post("/api/v1/residents/import/", {"file": roster(ROWS)})
    assert done.status_code == 202 and done.json()["status"] == "queued"
    job = client.get(done["Location"]).json()
    assert (job["status"], job["created"], job["updated"], job["unchanged"]) == ("done", 2, 0, 0)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/api/v1/residents/import/", {"file": roster(ROWS)})
    job = client.get(again["Location"]).json()
    assert (job["created"], job["updated"], job["unchanged"]) == (0, 0, 2)
    with in_tenant(world.alpha):
        assert Resident.objects.count() == 2


def test_import_with_bad_row_is_400_naming_the_row_and_writes_nothing_P01(client_for, world, in_tenant):
    rows = [*ROWS, ["1栋", "102", "王家", "住户", "王五", "业主", "1380013", ""]]
    client = client_for(world.alpha, "records_clerk")
    dry = client.post("/api/v1/residents/import/", {"file": roster(rows), "dry_run": "true"}).json()
    assert not dry["is_valid"] and [(e["row"], e["column"]) for e in dry["errors"]] == [(4, "电话")]
    response = client.post("/api/v1/residents/import/", {"file": roster(rows)})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "roster_invalid" and error["fields"]["file"][0].startswith("第 4 行「电话」")
    with in_tenant(world.alpha):
        assert not Resident.objects.exists()


def test_import_without_file_is_400_with_field(client_for, world):
    response = client_for(world.alpha, "records_clerk").post("/api/v1/residents/import/", {"dry_run": "true"})
    assert response.status_code == 400 and "file" in response.json()["error"]["fields"]


@pytest.mark.parametrize("role, method, url", [
    ("cashier", "post", "/api/v1/residents/"), ("cashier", "patch", "/api/v1/residents/{pk}/"),
    ("cs_staff", "post", "/api/v1/residents/import/"), ("engineering", "post", "/api/v1/residents/import/"),
])
def test_role_without_permission_gets_403(client_for, world, in_tenant, role, method, url):
    resident = make(world.alpha, in_tenant)
    client = client_for(world.alpha, role)
    response = getattr(client, method)(url.format(pk=resident.pk), {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"


def test_user_of_another_office_gets_404(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    client = client_for(world.alpha, "office_director", user_of=world.beta)
    for url in ("/api/v1/residents/", f"/api/v1/residents/{resident.pk}/", "/api/v1/residents/households/?q=1",
                "/api/v1/residents/buildings/"):
        assert client.get(url).status_code == 404
    assert client.post("/api/v1/residents/import/", {"file": roster(ROWS)}).status_code == 404
    with in_tenant(world.alpha):
        assert Resident.objects.count() == 1


def test_data_of_beta_never_visible_on_alpha(client_for, world, in_tenant):
    theirs = make(world.beta, in_tenant, name="贝塔住户", phone="13300133000")
    client = client_for(world.alpha, "office_director")
    assert client.get("/api/v1/residents/").json()["count"] == 0
    assert client.get(f"/api/v1/residents/{theirs.pk}/").status_code == 404
    assert client.get("/api/v1/residents/households/", {"q": "13300133000"}).json() == []
    assert client.get("/api/v1/residents/buildings/").json()["count"] == 0
