"""Residents pages (P-01): list/search, detail, create, edit with form errors, roster import, autocomplete;
roles without the permission and users of another office get 404."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from modules.residents.models import Resident
from modules.residents.services import resident_register

pytestmark = pytest.mark.django_db

HEADER = ["楼栋", "房号", "户名", "类型", "姓名", "身份", "电话", "备注"]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def roster_upload(rows, name="名册.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    for row in [HEADER, *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def make(tenant, in_tenant, name="张三", phone="13800138000", unit="101"):
    with in_tenant(tenant):
        return resident_register(building_name="1栋", unit_number=unit, household_name=name, name=name,
                                 phone=phone)


def test_list_links_only_what_the_role_may_do(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    cashier = client_for(world.alpha, "cashier")
    assert "/residents/new/" not in cashier.get("/residents/").content.decode()
    assert f"/residents/{resident.pk}/edit/" not in cashier.get(f"/residents/{resident.pk}/").content.decode()
    clerk = client_for(world.alpha, "records_clerk")
    body = clerk.get("/residents/").content.decode()
    assert "/residents/new/" in body and "/residents/import/" in body
    assert clerk.get("/residents/import/").status_code == 200


def test_list_searches_by_unit_name_and_phone(client_for, world, in_tenant):
    make(world.alpha, in_tenant)
    make(world.alpha, in_tenant, name="李四", phone="13911112222", unit="202")
    client = client_for(world.alpha, "cs_staff")
    for q in ("202", "李四", "1111"):
        body = client.get("/residents/", {"q": q}).content.decode()
        assert "李四" in body and "张三" not in body
    assert "张三" in client.get("/residents/", {"unit": "101"}).content.decode()


def test_bad_filter_values_do_not_break_the_list(client_for, world):
    response = client_for(world.alpha, "cs_staff").get("/residents/", {"building": "x", "page": "abc"})
    assert response.status_code == 200


def test_detail_shows_household_and_history(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    body = client_for(world.alpha, "cashier").get(f"/residents/{resident.pk}/").content.decode()
    assert "1栋-101" in body and "13800138000" in body and "新建" in body


def test_edit_with_bad_phone_shows_form_error_and_changes_nothing(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    response = client_for(world.alpha, "cs_staff").post(f"/residents/{resident.pk}/edit/", {
        "name": "张三", "relation": "owner", "phone": "12345", "is_active": "on"})
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    with in_tenant(world.alpha):
        assert Resident.objects.get(pk=resident.pk).phone == "13800138000"


def test_edit_saves_and_redirects_to_detail(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    response = client_for(world.alpha, "records_clerk").post(f"/residents/{resident.pk}/edit/", {
        "name": "张三丰", "relation": "tenant", "phone": "021-12345678", "is_active": "on"})
    assert response.status_code == 302 and response["Location"] == f"/residents/{resident.pk}/"
    with in_tenant(world.alpha):
        resident.refresh_from_db()
        assert (resident.name, resident.relation, resident.phone) == ("张三丰", "tenant", "021-12345678")
    history = client_for(world.alpha, "cs_staff").get(f"/residents/{resident.pk}/").content.decode()
    assert "电话：13800138000 → 021-12345678" in history


def test_create_page_registers_resident_and_reports_duplicate(client_for, world, in_tenant):
    client = client_for(world.alpha, "cs_staff")
    data = {"building": "3栋", "unit_number": "301", "household_name": "", "kind": "home", "name": "钱八",
            "relation": "owner", "phone": "13512345678"}
    assert client.post("/residents/new/", data).status_code == 302
    again = client.post("/residents/new/", data)
    assert again.status_code == 200 and "phone" in again.context["form"].errors
    with in_tenant(world.alpha):
        assert Resident.objects.get(name="钱八").household.name == "钱八"


def test_import_upload_preview_then_confirm_P01(client_for, world, in_tenant, django_capture_on_commit_callbacks):
    client = client_for(world.alpha, "records_clerk")
    rows = [["1栋", "101", "张家", "住户", "张三", "业主", "13800138000", ""],
            ["1栋", "102", "王家", "住户", "王五", "租户", "13700137000", ""]]
    preview = client.post("/residents/import/", {"file": roster_upload(rows)})
    assert preview.status_code == 200 and 'name="confirm"' in preview.content.decode()
    with in_tenant(world.alpha):
        assert not Resident.objects.exists()  # the preview writes nothing
    stored = preview.context["stored"]
    with django_capture_on_commit_callbacks(execute=True):  # the queued job runs (eagerly) at commit
        done = client.post("/residents/import/", {"confirm": "1", "roster": str(stored.pk)})
    assert done.status_code == 302 and "/residents/import/jobs/" in done["Location"]
    with in_tenant(world.alpha):
        assert Resident.objects.count() == 2
        assert "《名册.xlsx》第 2 行" in Resident.objects.get(name="张三").events.get().note
    assert client.post("/residents/import/", {"confirm": "1", "roster": str(stored.pk)}).status_code == 302
    with in_tenant(world.alpha):
        assert Resident.objects.count() == 2  # the kept file is no longer confirmable: nothing twice


def test_import_with_bad_row_shows_row_error_and_no_confirm_P01(client_for, world, in_tenant):
    rows = [["1栋", "101", "张家", "住户", "张三", "业主", "13800138000", ""],
            ["1栋", "102", "王家", "住户", "王五", "租户", "no-phone", ""]]
    response = client_for(world.alpha, "records_clerk").post("/residents/import/", {"file": roster_upload(rows)})
    body = response.content.decode()
    assert response.status_code == 200 and "第 3 行「电话」" in body and 'name="confirm"' not in body


def test_import_refuses_a_file_that_is_not_xlsx(client_for, world):
    upload = SimpleUploadedFile("名册.csv", b"a,b\n")
    response = client_for(world.alpha, "records_clerk").post("/residents/import/", {"file": upload})
    assert response.status_code == 200 and "file" in response.context["form"].errors


def test_confirm_of_a_file_not_uploaded_in_this_session_is_refused(client_for, world, in_tenant):
    uploader = client_for(world.alpha, "records_clerk")
    rows = [["1栋", "101", "张家", "住户", "张三", "业主", "13800138000", ""]]
    stored = uploader.post("/residents/import/", {"file": roster_upload(rows)}).context["stored"]
    other = client_for(world.alpha, "office_director")
    assert other.post("/residents/import/", {"confirm": "1", "roster": str(stored.pk)}).status_code == 302
    with in_tenant(world.alpha):
        assert not Resident.objects.exists()


def test_households_search_json_P02(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    data = client_for(world.alpha, "cs_staff").get("/residents/households/search/", {"q": "101"}).json()
    assert data["results"] == [{"id": resident.household_id, "unit": "1栋-101", "name": "张三", "kind": "home",
                                "residents": [{"id": resident.pk, "name": "张三", "relation": "owner",
                                               "phone": "13800138000"}]}]


@pytest.mark.parametrize("role, url", [
    ("cashier", "/residents/{pk}/edit/"), ("cashier", "/residents/new/"), ("cs_staff", "/residents/import/"),
    ("engineering", "/residents/import/"),
])
def test_role_without_permission_gets_404(client_for, world, in_tenant, role, url):
    resident = make(world.alpha, in_tenant)
    assert client_for(world.alpha, role).get(url.format(pk=resident.pk)).status_code == 404
    assert client_for(world.alpha, "office_director").get(url.format(pk=resident.pk)).status_code == 200


def test_user_of_another_office_gets_404(client_for, world, in_tenant):
    resident = make(world.alpha, in_tenant)
    client = client_for(world.alpha, "office_director", user_of=world.beta)
    for url in ("/residents/", f"/residents/{resident.pk}/", "/residents/import/", "/residents/households/search/"):
        assert client.get(url).status_code == 404


def test_data_of_beta_never_visible_on_alpha(client_for, world, in_tenant):
    theirs = make(world.beta, in_tenant, name="贝塔住户", phone="13300133000")
    client = client_for(world.alpha, "office_director")
    assert "贝塔住户" not in client.get("/residents/", {"q": "贝塔"}).content.decode()
    assert client.get(f"/residents/{theirs.pk}/").status_code == 404
    assert client.get("/residents/households/search/", {"q": "13300133000"}).json() == {"results": []}
