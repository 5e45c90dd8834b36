"""C-01/C-02 registration, numbering, idempotency; C-16 hq instruction; the snapshot for the bridge."""

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.calendar import SHANGHAI
from core.errors import ValidationFailed
from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def test_register_numbers_per_year_C02(world, in_tenant):
    from modules.catalog.services import setting_set

    setting_set(key="input.typed_time_max_days_back", value=400)  # last New Year's Eve may be > 90 days back
    user = world.users[("alpha", "cs_staff")]
    year = datetime.now(SHANGHAI).year
    with in_tenant(world.alpha):
        first = register(user)
        second = register(user)
        old = register(user, received_at=datetime(year - 1, 12, 31, 23, 0, tzinfo=SHANGHAI))
    assert first.number.startswith(f"TS-{year}-") and len(first.number) == len(f"TS-{year}-000001")
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1
    assert old.number.startswith(f"TS-{year - 1}-")


def test_register_records_everything_C02(world, in_tenant):
    user = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        household = household_make()
        upload = SimpleUploadedFile("photo.png", PNG, content_type="image/png")
        complaint = register(user, household_id=household.pk, expectation="今天修好", channel="visit",
                             attachments=[upload], complainant_phone="+86 138 0013 8000")
        assert complaint.household_id == household.pk
        assert complaint.complainant_phone == "13800138000"
        assert complaint.received_by_id == user.pk and complaint.received_at is not None
        assert complaint.attachments.count() == 1
        assert complaint.events.get().kind == "registered"
        assert complaint.next_step == "classify" and complaint.due_at is not None
        assert complaint.sla["urgent_reply_hours"] == 2


@pytest.mark.parametrize("field,value", [
    ("channel", "pigeon"), ("complainant_phone", "12345"), ("category", "nonsense"), ("content", "  "),
    ("complainant_name", ""), ("household_id", 999999),
])
def test_register_rejects_bad_input_C02(world, in_tenant, field, value):
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as err:
            register(world.users[("alpha", "cs_staff")], **{field: value})
    assert field in err.value.fields


def test_register_rejects_bad_attachment_type_C02(world, in_tenant):
    upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10, content_type="application/octet-stream")
    with in_tenant(world.alpha):
        from modules.complaints.models import Complaint

        before = Complaint.objects.count()
        with pytest.raises(ValidationFailed) as err:
            register(world.users[("alpha", "cs_staff")], attachments=[upload])
        assert Complaint.objects.count() == before
    assert "attachments" in err.value.fields


def test_register_same_idempotency_key_gives_one_complaint_C02(world, in_tenant):
    user = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        first = register(user, idempotency_key="key-abc-1")
        again = register(user, idempotency_key="key-abc-1")
    assert first.was_created and not again.was_created
    assert first.pk == again.pk


def test_same_idempotency_key_from_two_users_gives_two_complaints_C02(world, in_tenant):
    with in_tenant(world.alpha):
        first = register(world.users[("alpha", "cs_staff")], idempotency_key="key-two-users")
        other = register(world.users[("alpha", "cs_leader")], idempotency_key="key-two-users")
    assert first.was_created and other.was_created
    assert first.pk != other.pk


def test_idempotency_key_too_long_is_refused_not_cut_C02(world, in_tenant):
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as err:
            register(world.users[("alpha", "cs_staff")], idempotency_key="x" * 101)
    assert "idempotency_key" in err.value.fields


def test_hq_instruction_in_timeline_and_snapshot_C16(world, in_tenant):
    from modules.complaints.selectors import complaint_snapshot
    from modules.complaints.services import complaint_hq_instruction_add

    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")], hq_ref="HQ-2026-7")
        complaint_hq_instruction_add(complaint_id=complaint.pk, text="请今天上门", author_name="总部李")
        snap = complaint_snapshot(complaint)
    assert snap["hq_ref"] == "HQ-2026-7" and snap["number"] == complaint.number
    assert [e["kind"] for e in snap["events"]] == ["registered", "hq_instruction"]
    assert snap["events"][1]["actor"] == "总部李"
    expected = {"office_complaint_id", "number", "status", "status_label", "classification", "urgent", "serious",
                "collective", "households", "category", "channel", "content", "unit", "complainant_name",
                "complainant_phone", "received_at", "due_at", "next_step", "overdue", "hq_ref", "completed_at", "incident_id",
                "events"}
    assert set(snap) == expected


def _told(complaint, office) -> set[str]:
    from core.notifications.models import Notification

    key = f"{office.schema_name}:complaint:{complaint.pk}:registered"
    return set(Notification.objects.filter(dedupe_key=key).values_list("user__username", flat=True))


def test_new_complaint_goes_to_the_duty_officer_at_once_C04(world, in_tenant):
    from core.notifications.models import OutboxMessage

    with in_tenant(world.alpha):
        by_staff = register(world.users[("alpha", "cs_staff")])
        by_officer = register(world.users[("alpha", "duty_officer")])
    assert _told(by_staff, world.alpha) == {"alpha_duty_officer"}
    assert _told(by_officer, world.alpha) == set()  # the receiver is not told of their own complaint
    assert OutboxMessage.objects.filter(subject=f"新投诉 {by_staff.number}",
                                        recipient=world.users[("alpha", "duty_officer")].email).count() == 1


def test_online_complaint_goes_to_duty_officers_and_cs_supervisors_C01_C04(world, in_tenant):
    from modules.complaints.services import complaint_submit_online

    with in_tenant(world.beta):
        complaint = complaint_submit_online(unit_text="2-101", name="钱七", phone="13700137200", content="水压低")
    assert _told(complaint, world.beta) == {"beta_duty_officer", "beta_cs_supervisor"}
