"""Done means (issue 7): Redis refused -- or paused -- during a public submission and during a staff
registration (the register page and the API): the complaint is saved, and its notifications (C-04:
the duty officer hears of a new complaint; the CS supervisor too for the online form) are delivered
once when Redis is back, through the outbox that `outbox_flush` queues. The timeout mark is a hang
guard, not a performance threshold."""

import itertools

import pytest
import redis
from django.conf import settings as django_settings
from django.core import mail

from tests.core.broker import queued_tasks, real_broker, redis_fault

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(90)]
_seq = itertools.count(1)
DELIVER = "core.notifications.tasks.outbox_deliver"


def _public_form(client_for, world) -> str:
    client = client_for(world.alpha)
    client.defaults["REMOTE_ADDR"] = f"10.55.0.{next(_seq)}"
    response = client.post("/public/complaints/", {"unit": "7-701", "complainant_name": "孙八", "website": "",
                                                   "complainant_phone": "13700137300", "content": "门禁坏了"})
    assert response.status_code == 200
    return response.context["complaint"].number


def _register_page(client_for, world) -> str:
    response = client_for(world.alpha, "cs_staff").post("/complaints/new/", {
        "channel": "phone", "complainant_name": "孙八", "complainant_phone": "13700137301",
        "content": "车位被占", "category": "other", "idempotency_key": f"fault-page-{next(_seq)}"})
    assert response.status_code == 302
    return client_for(world.alpha, "cs_staff").get(response["Location"]).context["complaint"].number


def _register_api(client_for, world) -> str:
    response = client_for(world.alpha, "cs_staff").post("/api/v1/complaints/", {
        "channel": "phone", "complainant_name": "孙八", "complainant_phone": "13700137302",
        "content": "电梯停运", "category": "repairs"}, content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()["number"]


ENTRIES = {"public form": (_public_form, {"duty_officer", "cs_supervisor"}),
           "register page": (_register_page, {"duty_officer"}),
           "register API": (_register_api, {"duty_officer"})}


@pytest.mark.parametrize("fault", ["refused", "paused"])
@pytest.mark.parametrize("entry", list(ENTRIES))
def test_complaint_saved_and_told_once_when_redis_is_back_C04(entry, fault, world, client_for, in_tenant,
                                                              settings, tmp_path):
    from core.notifications.models import Notification, OutboxMessage
    from core.notifications.services import outbox_flush
    from core.notifications.tasks import outbox_deliver
    from modules.complaints.models import Complaint

    register, roles = ENTRIES[entry]
    emails = {world.users[("alpha", role)].email for role in roles}
    with redis_fault(fault, settings, tmp_path):
        number = register(client_for, world)
    with in_tenant(world.alpha):
        assert Complaint.objects.filter(number=number).exists()
    subject = f"新投诉 {number}"
    assert set(Notification.objects.filter(title=subject).values_list("user__email", flat=True)) == emails
    rows = OutboxMessage.objects.filter(subject=subject)
    assert {(r.recipient, r.status, r.queued_at) for r in rows} == {(e, "pending", None) for e in emails}

    # Redis is back: the beat's outbox_flush queues each e-mail once, the worker delivers it
    # (e-mail has its own queue, CELERY_TASK_ROUTES: a burst never delays a sweep)
    client = redis.Redis.from_url(django_settings.REDIS_URL)
    client.delete("email")
    ids = set(rows.values_list("pk", flat=True))
    with real_broker(django_settings.CELERY_BROKER_URL):
        outbox_flush()
        outbox_flush()  # a second beat before the worker ran queues nothing again
        queued = [args[0] for task, args in queued_tasks(client, "email") if task == DELIVER and args[0] in ids]
    client.delete("email")
    assert sorted(queued) == sorted(ids)
    for message_id in queued:
        outbox_deliver.apply(args=[message_id])  # what the worker does with each message
        outbox_deliver.apply(args=[message_id])  # a redelivered message sends nothing twice
    assert sorted(m.to[0] for m in mail.outbox if m.subject == subject) == sorted(emails)
    assert set(rows.values_list("status", flat=True)) == {"sent"}
