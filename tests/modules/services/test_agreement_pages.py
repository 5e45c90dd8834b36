"""Pages of agreements and the desk's quote (S-03, S-05): each renders for its roles, a refused form keeps
what was typed and names the field, another office's objects are 404."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from modules.services.catalog.selectors import local_day
from modules.services.models import Booking, MoneyEntry, ServiceAgreement
from tests.modules.services.helpers import approved_item

pytestmark = pytest.mark.django_db
PNG_URL = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def _form(item, **extra):
    today = local_day()
    return {"item_id": item.pk, "name": "吴先生", "phone": "13800000031", "address": "3-301", "quantity": "1",
            "frequency": "weekly", "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=60)).isoformat(),
            **extra}


def test_s03_agreement_drawn_up_signed_and_filed_on_the_pages(world, client_for):
    item = approved_item(world, price="80.00", deposit="50.00")
    staff, cashier = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "cashier")
    response = staff.post("/services/agreements/", _form(item))
    assert response.status_code == 302
    with tenant_context(world.alpha):
        agreement = ServiceAgreement.objects.get(name="吴先生")
    page = f"/services/agreements/{agreement.pk}/"
    assert response["Location"] == page
    body = staff.get(page).content.decode()
    assert agreement.number in body and "服务档案" in body and 'name="sign-signature_data_url"' in body
    assert "收取押金" not in body  # the cashier's step is the cashier's
    assert "收取押金" in cashier.get(page).content.decode()
    assert cashier.post(page, {"action": "deposit", "deposit-amount": "50.00",
                               "deposit-receipt_no": "XY9"}).status_code == 302
    assert staff.post(page, {"action": "sign", "sign-signature_data_url": PNG_URL}).status_code == 302
    wanted = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    job = staff.post(page, {"action": "job", "job-wanted_at": wanted})
    assert job.status_code == 302 and job["Location"].startswith("/services/bookings/")
    body = staff.get(page).content.decode()
    assert "履行中" in body and "TY-" in body and "XY9" in body
    assert agreement.number in staff.get("/services/agreements/").content.decode()
    day = cashier.get("/services/day-sheet/").content.decode()
    assert agreement.number in day and "XY9" in day


def test_s03_agreement_form_error_keeps_what_was_typed(world, client_for):
    item = approved_item(world)
    response = client_for(world.alpha, "cs_staff").post("/services/agreements/", _form(item, quantity="1.005"))
    assert response.status_code == 400
    body = response.content.decode()
    assert "吴先生" in body and "最多两位小数" in body
    with tenant_context(world.alpha):
        assert not ServiceAgreement.objects.exists()


def test_s05_agreement_page_non_cashier_cannot_post_money(world, client_for):
    item = approved_item(world)
    client_for(world.alpha, "cs_staff").post("/services/agreements/", _form(item))
    with tenant_context(world.alpha):
        agreement = ServiceAgreement.objects.get()
    response = client_for(world.alpha, "cs_supervisor").post(
        f"/services/agreements/{agreement.pk}/", {"action": "deposit", "deposit-amount": "5.00",
                                                  "deposit-receipt_no": "X"})
    assert response.status_code == 404
    with tenant_context(world.alpha):
        assert not MoneyEntry.objects.exists()


def test_s03_desk_quotes_an_online_booking_on_its_page(world, client_for):
    from modules.services.services import booking_create

    item = approved_item(world, price="80.00", deposit="50.00")
    with tenant_context(world.alpha):
        booking = booking_create(user=None, channel="online", item_id=item.pk, name="孙", phone="13800000009",
                                 address="5-501", wanted_at=timezone.now() + timedelta(days=1))
    page = f"/services/bookings/{booking.pk}/"
    cashier_page = client_for(world.alpha, "cashier").get(page).content.decode()
    assert "待报价" in cashier_page and 'name="deposit-amount"' not in cashier_page
    staff = client_for(world.alpha, "cs_staff")
    assert staff.post(page, {"action": "quote", "quote-quantity": "2", "quote-note": ""}).status_code == 302
    with tenant_context(world.alpha):
        assert Booking.objects.get(pk=booking.pk).quote_amount == 160
    assert 'name="deposit-amount"' in client_for(world.alpha, "cashier").get(page).content.decode()


def test_isolation_agreement_pages_of_another_office_are_404(world, client_for):
    item = approved_item(world)
    client_for(world.alpha, "cs_staff").post("/services/agreements/", _form(item))
    with tenant_context(world.alpha):
        agreement = ServiceAgreement.objects.get()
    for role in ("cs_staff", "cashier", "office_director"):
        client = client_for(world.beta, role)
        assert client.get(f"/services/agreements/{agreement.pk}/").status_code == 404
        assert client.post(f"/services/agreements/{agreement.pk}/", {"action": "sign",
                                                                     "sign-signature_data_url": PNG_URL}).status_code == 404
        assert agreement.number not in client.get("/services/agreements/").content.decode()
    outsider = client_for(world.beta, "office_director", user_of=world.alpha)
    for path in ("/services/agreements/", f"/services/agreements/{agreement.pk}/", "/services/announce/",
                 "/services/figures/?as=xlsx"):
        assert outsider.get(path).status_code == 404 and outsider.post(path).status_code == 404
    with tenant_context(world.alpha):
        assert ServiceAgreement.objects.get().status == "draft"


def test_s05_cashier_keeps_part_of_the_deposit_on_the_agreement_page(world, client_for):
    from tests.modules.services.helpers import agreement_ended

    item = approved_item(world, price="80.00", deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_ended(world, item)
    page = f"/services/agreements/{agreement.pk}/"
    cashier = client_for(world.alpha, "cashier")
    body = cashier.get(page).content.decode()
    assert 'id="step-keep"' in body and 'id="step-refund"' in body and "扣留原因" in body
    assert 'id="step-keep"' not in client_for(world.alpha, "cs_supervisor").get(page).content.decode()
    refused = cashier.post(page, {"action": "keep", "keep-amount": "60.00", "keep-receipt_no": "KL1",
                                  "keep-reason": "损坏窗帘"})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "最多 50.00" in text and "损坏窗帘" in text  # named on its field, what was typed kept
    with tenant_context(world.alpha):
        assert MoneyEntry.objects.filter(agreement=agreement).count() == 1
    done = cashier.post(page, {"action": "keep", "keep-amount": "30.00", "keep-receipt_no": "KL1",
                               "keep-reason": "损坏窗帘"})
    assert done.status_code == 302
    with tenant_context(world.alpha):
        kinds = list(MoneyEntry.objects.filter(agreement=agreement).values_list("kind", "amount"))
    assert [k for k, _ in kinds] == ["deposit", "kept", "refund"]
    body = cashier.get(page).content.decode()
    assert "扣留押金" in body and "-30.00" in body


def test_s05_keep_form_only_for_the_cashier_and_after_the_end(world, client_for):
    from tests.modules.services.helpers import agreement_signed

    item = approved_item(world, deposit="50.00")
    with tenant_context(world.alpha):
        agreement = agreement_signed(world, item, deposit="50.00")
    page = f"/services/agreements/{agreement.pk}/"
    assert 'id="step-keep"' not in client_for(world.alpha, "cashier").get(page).content.decode()  # still running
    response = client_for(world.alpha, "cs_supervisor").post(page, {"action": "keep", "keep-amount": "5.00",
                                                                    "keep-receipt_no": "X", "keep-reason": "x"})
    assert response.status_code == 404
    response = client_for(world.alpha, "cashier").post(page, {"action": "keep", "keep-amount": "5.00",
                                                              "keep-receipt_no": "X", "keep-reason": "x"})
    assert response.status_code == 400 and "不能执行" in response.content.decode()
    assert client_for(world.beta, "cashier").get(page).status_code == 404
    with tenant_context(world.alpha):
        assert MoneyEntry.objects.filter(agreement=agreement).count() == 1
