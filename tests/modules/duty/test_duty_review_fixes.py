"""Duty services own their rules: the settings upsert (D-01), 404 for a missing id, and the handover
transition table checked on completion (D-05)."""

from datetime import time

import pytest

from core.errors import NotAllowedNow, NotFound
from tests.modules.duty.duty_kit import FUTURE, instance, person

pytestmark = pytest.mark.django_db
MISSING = 987654321


def test_shift_template_save_without_id_updates_the_same_code_D01(world, in_tenant):
    from modules.duty.models import ShiftTemplate
    from modules.duty.services.roster import shift_template_save

    user = person(world, "cs_supervisor")
    with in_tenant(world.alpha):
        first = shift_template_save(user=user, code="upsert-x", name="甲", start=time(8), end=time(12))
        again = shift_template_save(user=user, code="upsert-x", name="乙", start=time(9), end=time(13))
        assert again.pk == first.pk and ShiftTemplate.objects.filter(code="upsert-x").count() == 1
        assert ShiftTemplate.objects.get(pk=first.pk).name == "乙"


def test_post_save_without_id_updates_the_same_name_D01(world, in_tenant):
    from modules.duty.models import Post
    from modules.duty.services.roster import post_save

    user = person(world, "cs_supervisor")
    with in_tenant(world.alpha):
        first = post_save(user=user, name="东门岗", checklist=["钥匙"])
        again = post_save(user=user, name="东门岗", checklist=["钥匙", "对讲机"])
        assert again.pk == first.pk and Post.objects.get(pk=first.pk).checklist == ["钥匙", "对讲机"]


def test_settings_page_saves_through_the_service_upsert_D01(world, client_for, in_tenant):
    from modules.duty.models import ShiftTemplate

    client = client_for(world.alpha, "cs_supervisor")
    form = {"shift-code": "upsert-web", "shift-name": "网页班", "shift-start": "07:00", "shift-end": "11:00",
            "shift-keeps_log": "on", "shift-is_active": "on", "shift-order": "5"}
    assert client.post("/duty/settings/", form).status_code == 302
    assert client.post("/duty/settings/", {**form, "shift-name": "网页班二"}).status_code == 302
    with in_tenant(world.alpha):
        assert list(ShiftTemplate.objects.filter(code="upsert-web").values_list("name", flat=True)) == ["网页班二"]


@pytest.mark.parametrize("call", [
    lambda u: __import__("modules.duty.services.log", fromlist=["x"]).log_entry_correct(
        user=u, entry_id=MISSING, content="x"),
    lambda u: __import__("modules.duty.services.log", fromlist=["x"]).log_entry_release(user=u, entry_id=MISSING),
    lambda u: __import__("modules.duty.services.handover", fromlist=["x"]).handover_open(user=u, instance_id=MISSING),
    lambda u: __import__("modules.duty.services.handover", fromlist=["x"]).handover_arrive(user=u, handover_id=MISSING),
    lambda u: __import__("modules.duty.services.handover", fromlist=["x"]).handover_sign(user=u, handover_id=MISSING),
    lambda u: __import__("modules.duty.services.instances", fromlist=["x"]).shift_start(user=u, instance_id=MISSING),
])
def test_missing_id_is_not_found(world, in_tenant, call):
    with in_tenant(world.alpha), pytest.raises(NotFound):
        call(person(world, "duty_officer"))


def test_missing_entry_is_404_in_the_api(world, client_for):
    response = client_for(world.alpha, "duty_director").post(f"/api/v1/duty/entries/{MISSING}/release/", {})
    assert response.status_code == 404


def test_handover_completion_checks_the_transition_table_D05(world, in_tenant):
    from django.db import transaction

    from modules.duty.models import Handover
    from modules.duty.services.handover import _complete

    with in_tenant(world.alpha):
        done = Handover(outgoing=instance("day", FUTURE), incoming=instance("night", FUTURE),
                        status=Handover.COMPLETED)
        with transaction.atomic(), pytest.raises(NotAllowedNow) as refused:
            _complete(handover=done, user=person(world, "duty_officer"))
        assert refused.value.code == "handover_completed"
