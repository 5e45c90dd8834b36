"""Return visits 回访 (V-05, C-13, C-14) and the satisfaction rate (V-04)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from core.errors import NotAllowedNow, ValidationFailed
from tests.core.clocks import sweep
from tests.modules.visits.factories import closed_complaint, verified_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    return world.users[("alpha", "cs_staff")]


def _visit_of(kind, pk):
    from modules.visits.models import ReturnVisit

    return ReturnVisit.objects.get(source_kind=kind, source_id=pk)


def _reach(staff, visit, answer="satisfied", words=""):
    from modules.visits import services

    services.visit_attempt_record(user=staff, visit_id=visit.pk, method="phone", reached=True)
    return services.visit_answer_record(user=staff, visit_id=visit.pk, answer=answer, words=words)


def test_v05_c14_closed_complaint_gets_one_visit_due_within_catalog_days(world, in_tenant, staff):
    from modules.visits import services

    with in_tenant(world.alpha):
        complaint = closed_complaint(staff)
        visit = _visit_of("complaint", complaint.pk)
        assert visit.status == "due" and visit.sampled is None
        assert visit.due_at == complaint.closed_at + timedelta(days=3)
        assert visit.source_number == complaint.number
        again = services.complaint_closed(complaint)  # scheduled once (unique source)
        assert again.pk == visit.pk


def test_v05_catalog_days_in_force_at_close_are_used_S08(world, in_tenant, staff):
    from modules.catalog.models import Setting

    Setting.objects.create(key="visits.complaint_return_days", value=1,
                           effective_from=timezone.now() - timedelta(days=1))
    with in_tenant(world.alpha):
        complaint = closed_complaint(staff)
        assert _visit_of("complaint", complaint.pk).due_at == complaint.closed_at + timedelta(days=1)


def test_v05_rolled_back_close_leaves_no_visit(world, in_tenant, staff):
    from modules.visits.models import ReturnVisit

    with in_tenant(world.alpha):
        before = ReturnVisit.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            closed_complaint(staff)
            raise RuntimeError("rollback")
        assert ReturnVisit.objects.count() == before


def test_v05_repair_order_sampling_decision_stored_and_never_redrawn(world, in_tenant, staff):
    from modules.visits import services
    from modules.visits.services import Source

    with in_tenant(world.alpha):
        order = verified_order(staff)
        visit = _visit_of("workorder", order.pk)
        assert visit.sample_rate_percent == 30 and visit.sample_draw is not None
        assert visit.sampled == (visit.sample_draw < Decimal("0.30"))
        assert visit.status == ("due" if visit.sampled else "not_sampled")
        again = services.visit_schedule(source=Source(kind="workorder", id=order.pk), sample_percent=100,
                                        draw=Decimal("0"))
        again.refresh_from_db()
        assert (again.pk, again.sample_draw, again.sampled) == (visit.pk, visit.sample_draw, visit.sampled)


def test_v05_draw_under_rate_is_visited_over_rate_is_not(world, in_tenant):
    from modules.visits import services
    from modules.visits.services import Source

    with in_tenant(world.alpha):
        yes = services.visit_schedule(source=Source(kind="workorder", id=900001), sample_percent=30,
                                      draw=Decimal("0.2999"), due_at=timezone.now())
        no = services.visit_schedule(source=Source(kind="workorder", id=900002), sample_percent=30,
                                     draw=Decimal("0.3000"), due_at=timezone.now())
        assert (yes.sampled, yes.status) == (True, "due")
        assert (no.sampled, no.status, no.due_at) == (False, "not_sampled", None)


def test_v05_only_repair_orders_are_visited(world, in_tenant, staff):
    from modules.visits.models import ReturnVisit

    with in_tenant(world.alpha):
        order = verified_order(staff, department="greening")
        assert not ReturnVisit.objects.filter(source_kind="workorder", source_id=order.pk).exists()


def test_v05_agreement_visited_at_mid_term_and_end(world, in_tenant):
    from modules.visits import services

    with in_tenant(world.alpha):
        mid, end = services.agreement_visits_schedule(agreement_id=77, number="FW-77", starts_on=date(2026, 1, 1),
                                                      ends_on=date(2026, 12, 31))
        assert (mid.occasion, end.occasion) == ("mid", "end")
        assert timezone.localtime(mid.due_at).date() == date(2026, 7, 2)  # 1 Jan + 364 days / 2
        assert timezone.localtime(end.due_at).date() == date(2026, 12, 31)
        with pytest.raises(ValidationFailed):
            services.agreement_visits_schedule(agreement_id=78, number="FW-78", starts_on=date(2026, 2, 1),
                                               ends_on=date(2026, 1, 1))


def test_v05_three_failed_attempts_kept_and_visit_unreached(world, in_tenant, staff):
    from modules.visits import services

    with in_tenant(world.alpha):
        visit = _visit_of("complaint", closed_complaint(staff).pk)
        for method in ("phone", "message", "home_visit"):
            services.visit_attempt_record(user=staff, visit_id=visit.pk, method=method, reached=False)
        visit.refresh_from_db()
        assert visit.status == "unreached" and visit.attempts.count() == 3
        with pytest.raises(NotAllowedNow):
            services.visit_attempt_record(user=staff, visit_id=visit.pk, method="phone", reached=True)


def test_v05_answer_needs_a_reached_attempt(world, in_tenant, staff):
    from modules.visits import services

    with in_tenant(world.alpha):
        visit = _visit_of("complaint", closed_complaint(staff).pk)
        services.visit_attempt_record(user=staff, visit_id=visit.pk, method="phone", reached=False)
        with pytest.raises(NotAllowedNow):
            services.visit_answer_record(user=staff, visit_id=visit.pk, answer="satisfied")
        visit = _reach(staff, visit, answer="basically_satisfied", words="还行")
        assert (visit.status, visit.answer, visit.answered_by) == ("answered", "basically_satisfied", staff)


def test_v05_c13_unsatisfied_visit_opens_linked_complaint(world, in_tenant, staff):
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        original = closed_complaint(staff)
        visit = _reach(staff, _visit_of("complaint", original.pk), answer="dissatisfied", words="灯又坏了")
        new = Complaint.objects.get(pk=visit.follow_up_complaint_id)
        original.refresh_from_db()
        assert new.reopened_from_id == original.pk and original.status == "reopened"
        assert "灯又坏了" in new.content


def test_v05_unsatisfied_repair_visit_registers_complaint(world, in_tenant, staff):
    from modules.complaints.models import Complaint
    from modules.visits import services
    from modules.visits.services import Source

    with in_tenant(world.alpha):
        visit = services.visit_schedule(source=Source(kind="workorder", id=900010, number="GD-X",
                                                      contact_name="李四", contact_phone="13900139000"),
                                        sample_percent=30, draw=Decimal("0.1"), due_at=timezone.now())
        visit = _reach(staff, visit, answer="dissatisfied", words="修得不好")
        new = Complaint.objects.get(pk=visit.follow_up_complaint_id)
        assert "GD-X" in new.content and new.category == "repairs"


def test_v05_dissatisfied_needs_words(world, in_tenant, staff):
    from modules.visits import services

    with in_tenant(world.alpha):
        visit = _visit_of("complaint", closed_complaint(staff).pk)
        services.visit_attempt_record(user=staff, visit_id=visit.pk, method="phone", reached=True)
        with pytest.raises(ValidationFailed) as err:
            services.visit_answer_record(user=staff, visit_id=visit.pk, answer="dissatisfied", words=" ")
        assert "words" in err.value.fields


def test_v05_overdue_visit_reminded_once(world, in_tenant, staff):
    from core.notifications.models import Notification
    from modules.visits.models import ReturnVisit

    with in_tenant(world.alpha):
        visit = _visit_of("complaint", closed_complaint(staff).pk)
        ReturnVisit.objects.filter(pk=visit.pk).update(due_at=timezone.now() - timedelta(minutes=5))
    sweep("visits.return_visit")
    sweep("visits.return_visit")
    with in_tenant(world.alpha):
        visit.refresh_from_db()
        assert visit.overdue_marked_at is not None
        assert visit.events.filter(kind="overdue").count() == 1
    keys = set(Notification.objects.filter(dedupe_key__contains=f":visit:{visit.pk}:overdue")
               .values_list("dedupe_key", flat=True))
    assert len(keys) == 1


def test_v04_satisfaction_rate_counts_basically_satisfied_per_catalog(world, in_tenant, staff):
    from modules.catalog.models import Setting
    from modules.visits.selectors import satisfaction_rate

    with in_tenant(world.alpha):
        today = timezone.localdate()
        base = satisfaction_rate(start=today, end=today)
        for answer in ("satisfied", "basically_satisfied", "dissatisfied"):
            _reach(staff, _visit_of("complaint", closed_complaint(staff).pk), answer=answer, words="意见")
        rate = satisfaction_rate(start=today, end=today, source_kind="complaint")
        assert rate["answers"] - base["answers"] == 3
        assert rate["satisfied"] - base["satisfied"] == 2
        assert satisfaction_rate(start=today - timedelta(days=400), end=today - timedelta(days=399))["rate"] is None
    Setting.objects.create(key="visits.satisfied_answers", value=["satisfied"],
                           effective_from=timezone.now() - timedelta(days=1))
    with in_tenant(world.alpha):
        strict = satisfaction_rate(start=today, end=today, source_kind="complaint")
        assert rate["satisfied"] - strict["satisfied"] == rate["by_answer"]["basically_satisfied"]
        assert strict["answers"] == rate["answers"]


def test_v04_v05_answer_counts_when_the_resident_gave_it_typed_in_afterwards(world, in_tenant, staff):
    from modules.visits import services
    from modules.visits.selectors import satisfaction_rate

    with in_tenant(world.alpha):
        visit = _visit_of("complaint", closed_complaint(staff).pk)
        earlier = timezone.now() - timedelta(days=40)
        services.visit_attempt_record(user=staff, visit_id=visit.pk, method="phone", reached=True, at=earlier)
        answered = services.visit_answer_record(user=staff, visit_id=visit.pk, answer="satisfied")
        assert answered.answered_at == earlier
        day = timezone.localtime(earlier).date()
        assert satisfaction_rate(start=day, end=day)["satisfied"] >= 1
        other = _visit_of("complaint", closed_complaint(staff).pk)
        with pytest.raises(ValidationFailed) as err:  # bounded like every typed-in time
            services.visit_attempt_record(user=staff, visit_id=other.pk, method="phone", reached=True,
                                          at=timezone.now() - timedelta(days=400))
        assert "at" in err.value.fields
