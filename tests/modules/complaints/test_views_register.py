"""The register page (C-01/C-02): creates a complaint, shows field errors on bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.modules.complaints.factories import household_make

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def _form(**overrides):
    data = {"channel": "phone", "complainant_name": "李四", "complainant_phone": "139 0013 9000",
            "content": "地下车库漏水", "category": "repairs", "expectation": "三天内修好",
            "requested_reply_at": "", "unit_query": "", "household_id": "", "idempotency_key": ""}
    data.update(overrides)
    return data


def test_register_form_creates_complaint_C02(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        household = household_make()
    photo = SimpleUploadedFile("leak.png", PNG, content_type="image/png")
    response = client_for(world.alpha, "cs_staff").post(
        "/complaints/new/", _form(household_id=str(household.pk), attachments=photo))
    assert response.status_code == 302
    with in_tenant(world.alpha):
        from modules.complaints.models import Complaint

        complaint = Complaint.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
        assert complaint.household_id == household.pk and complaint.channel == "phone"
        assert complaint.complainant_phone == "13900139000" and complaint.expectation == "三天内修好"
        assert complaint.attachments.count() == 1 and complaint.received_by_name


def test_register_keeps_typed_unit_without_household_P02(client_for, world, in_tenant):
    response = client_for(world.alpha, "cs_staff").post("/complaints/new/", _form(unit_query="9-909"))
    assert response.status_code == 302
    page = client_for(world.alpha, "cs_staff").get(response["Location"]).content.decode()
    assert "9-909" in page and "地下车库漏水" in page


def test_register_same_key_twice_makes_one_complaint_C02(client_for, world, in_tenant):
    client = client_for(world.alpha, "duty_officer")
    first = client.post("/complaints/new/", _form(idempotency_key="k-ui-twice"))
    second = client.post("/complaints/new/", _form(idempotency_key="k-ui-twice"))
    assert first["Location"] == second["Location"]


@pytest.mark.parametrize("field,value", [
    ("complainant_phone", "12345"), ("content", ""), ("complainant_name", ""), ("channel", "pigeon"),
    ("category", "nonsense"), ("requested_reply_at", "not a time"),
])
def test_register_form_shows_field_errors_C02(client_for, world, field, value):
    response = client_for(world.alpha, "cs_staff").post("/complaints/new/", _form(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_register_service_error_lands_on_form_not_500(client_for, world):
    """An unknown household passes the form but the service refuses it (ValidationFailed)."""
    response = client_for(world.alpha, "cs_staff").post("/complaints/new/", _form(household_id="99999999"))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors and ("household_id" in form.errors or "__all__" in form.errors)
    assert 'role="alert"' in response.content.decode()


def test_register_page_offers_group_categories_and_autocomplete(client_for, world):
    body = client_for(world.alpha, "cs_staff").get("/complaints/new/").content.decode()
    assert "设施设备" in body  # from the group list complaint.categories
    assert 'class="field autocomplete" data-url="/' in body
