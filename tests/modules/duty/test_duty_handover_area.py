"""D-05: the incoming officer checks the area before signing; an anomaly is explained by the outgoing
officer; an important open item refuses either signature, whichever side signs first."""

import pytest

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.duty.duty_kit import PAST, assign, at, instance, person

pytestmark = pytest.mark.django_db


def _ready(world, day=PAST):
    """An open handover whose incoming officer arrived, checked every item and read the log."""
    from modules.duty.services import handover as svc

    assign(world, "duty_officer", "day", day)
    assign(world, "cs_staff", "night", day)
    handover = svc.handover_open(user=person(world, "duty_officer"), instance_id=instance("day", day).pk)
    incoming = person(world, "cs_staff")
    svc.handover_arrive(user=incoming, handover_id=handover.pk)
    for item in handover.items.all():
        svc.handover_item_check(user=incoming, handover_id=handover.pk, item_id=item.pk, state="ok")
    svc.handover_log_read(user=incoming, handover_id=handover.pk)
    return handover


def _refused(user, handover) -> str:
    from modules.duty.services.handover import handover_sign

    with pytest.raises(NotAllowedNow) as refused:
        handover_sign(user=user, handover_id=handover.pk)
    return refused.value.code


def test_incoming_signs_only_after_recording_the_area_check_D05(world, in_tenant):
    from modules.duty.services import handover as svc

    with in_tenant(world.alpha):
        handover = _ready(world)
        incoming = person(world, "cs_staff")
        assert _refused(incoming, handover) == "area_not_checked"
        with pytest.raises(ValidationFailed) as empty:
            svc.handover_area_check(user=incoming, handover_id=handover.pk)
        assert "note" in empty.value.fields
        with pytest.raises(NotAllowedNow):  # the outgoing officer does not check the area for the incoming one
            svc.handover_area_check(user=person(world, "duty_officer"), handover_id=handover.pk, note="正常")
        svc.handover_area_check(user=incoming, handover_id=handover.pk, note="区域正常")
        svc.handover_sign(user=incoming, handover_id=handover.pk)
        svc.handover_sign(user=person(world, "duty_officer"), handover_id=handover.pk)
        handover.refresh_from_db()
    assert handover.status == "completed" and handover.area_check_note == "区域正常"


def test_anomaly_found_waits_for_the_outgoing_officers_explanation_D05(world, in_tenant):
    from modules.duty.models import DutyEvent
    from modules.duty.services import handover as svc

    with in_tenant(world.alpha):
        handover = _ready(world)
        incoming, outgoing = person(world, "cs_staff"), person(world, "duty_officer")
        svc.handover_area_check(user=incoming, handover_id=handover.pk, anomaly="消防通道堆放纸箱")
        assert _refused(incoming, handover) == "anomaly_unexplained"
        assert _refused(outgoing, handover) == "anomaly_unexplained"
        with pytest.raises(NotAllowedNow) as not_outgoing:
            svc.handover_anomaly_explain(user=incoming, handover_id=handover.pk, explanation="不知道")
        assert not_outgoing.value.code == "not_outgoing_officer"
        svc.handover_anomaly_explain(user=outgoing, handover_id=handover.pk, explanation="快递临时存放，已通知清走")
        svc.handover_sign(user=incoming, handover_id=handover.pk)
        svc.handover_sign(user=outgoing, handover_id=handover.pk)
        handover.refresh_from_db()
        kinds = list(DutyEvent.objects.filter(object_type="handover", object_id=handover.pk)
                     .values_list("kind", flat=True))
    assert handover.status == "completed" and handover.anomaly_explanation == "快递临时存放，已通知清走"
    assert kinds.index("area_checked") < kinds.index("anomaly_explained") < kinds.index("signed")


def test_a_new_anomaly_needs_a_new_explanation_D05(world, in_tenant):
    from modules.duty.services import handover as svc

    with in_tenant(world.alpha):
        handover = _ready(world)
        incoming, outgoing = person(world, "cs_staff"), person(world, "duty_officer")
        svc.handover_area_check(user=incoming, handover_id=handover.pk, anomaly="路灯不亮")
        svc.handover_anomaly_explain(user=outgoing, handover_id=handover.pk, explanation="已报修")
        svc.handover_area_check(user=incoming, handover_id=handover.pk, anomaly="路灯不亮；大门未锁")
        assert _refused(incoming, handover) == "anomaly_unexplained"


@pytest.mark.parametrize("first", ["incoming", "outgoing"])
def test_signature_refused_while_important_item_open_whichever_signs_first_D05(world, in_tenant, first):
    from modules.duty.services import handover as svc
    from modules.duty.services.log import log_entry_add, log_entry_release

    with in_tenant(world.alpha):
        handover = _ready(world)
        svc.handover_area_check(user=person(world, "cs_staff"), handover_id=handover.pk, note="正常")
        entry = log_entry_add(user=person(world, "duty_officer"), kind="incident", content="3栋水管爆裂",
                              occurred_at=at(PAST, 16), important=True)
        first_user = person(world, "cs_staff" if first == "incoming" else "duty_officer")
        assert _refused(first_user, handover) == "important_item_open"
        handover.refresh_from_db()
        assert handover.incoming_signed_at is None and handover.outgoing_signed_at is None
        log_entry_release(user=person(world, "cs_supervisor"), entry_id=entry.pk)
        svc.handover_sign(user=first_user, handover_id=handover.pk)
