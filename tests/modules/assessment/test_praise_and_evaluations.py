"""Proposals from events beyond the C-20 complaint (A-04, S-07): a complaint record marked as praise, a
return visit answered with praise for a named person, a praise note, a poor special-service evaluation.
Each proposes once; nothing is deducted or added until the supervisor confirms."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import ValidationFailed
from modules.assessment import hooks, services
from modules.assessment.models import Finding, PraiseNote, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    return {"staff": world.users[("alpha", "cs_staff")], "leader": world.users[("alpha", "cs_leader")],
            "supervisor": world.users[("alpha", "cs_supervisor")], "outsider": world.users[("beta", "cs_staff")]}


def _answered_visit(user, *, answer="satisfied", words="", praised=None):
    from modules.visits import services as visits
    from modules.visits.models import ReturnVisit
    from tests.modules.visits.factories import closed_complaint

    complaint = closed_complaint(user)
    visit = ReturnVisit.objects.get(source_kind="complaint", source_id=complaint.pk)
    visits.visit_attempt_record(user=user, visit_id=visit.pk, method="phone", reached=True)
    return visit, lambda: visits.visit_answer_record(user=user, visit_id=visit.pk, answer=answer, words=words,
                                                     praised_staff_id=praised)


def test_a04_visit_answered_with_praise_proposes_praise_points_once(world, in_tenant, people):
    with in_tenant(world.alpha):
        visit, answer = _answered_visit(people["staff"], words="小王服务很好", praised=people["leader"].pk)
        answer()
        proposal = Proposal.objects.get(source_type="visit", source_id=visit.pk)
        assert (proposal.person_id, proposal.rule_code, proposal.status) == (people["leader"].pk, "BY-01", "pending")
        assert not Finding.objects.exists()  # nothing added before the supervisor confirms
        services.proposal_confirm(user=people["supervisor"], proposal_id=proposal.pk, points="8")
        assert Finding.objects.get(proposal=proposal).points == Decimal("8.00")


@pytest.mark.parametrize("answer,words,who", [("dissatisfied", "态度差", "leader"), ("satisfied", "", "outsider")])
def test_a04_visit_praise_refused_is_400_naming_the_field_and_writes_nothing(world, in_tenant, people, answer,
                                                                            words, who):
    from modules.visits.models import ReturnVisit

    with in_tenant(world.alpha):
        visit, record = _answered_visit(people["staff"], answer=answer, words=words, praised=people[who].pk)
        with pytest.raises(ValidationFailed) as caught:
            record()
        assert "praised_staff_id" in caught.value.fields
        visit = ReturnVisit.objects.get(pk=visit.pk)
        assert visit.status == "due" and visit.follow_up_complaint_id is None
        assert not Proposal.objects.exists()


def test_a04_visit_api_takes_the_praised_staff_member(world, in_tenant, people, client_for):
    with in_tenant(world.alpha):
        visit, _ = _answered_visit(people["staff"])
    response = client_for(world.alpha, "cs_staff").post(
        f"/api/v1/visits/{visit.pk}/answer/", {"answer": "satisfied", "praised_staff_id": people["leader"].pk},
        content_type="application/json")
    assert response.status_code == 200, response.content
    with in_tenant(world.alpha):
        assert Proposal.objects.filter(source_type="visit", source_id=visit.pk, rule_code="BY-01").count() == 1


def test_a04_complaint_record_marked_as_praise_proposes_praise_not_deduction(world, in_tenant, people):
    from modules.complaints.services import complaint_classify
    from tests.modules.complaints.factories import register

    with in_tenant(world.alpha):
        complaint = register(people["staff"], content="业主来电表扬小李")
        for _ in range(2):
            complaint_classify(user=people["staff"], complaint_id=complaint.pk, classification="invalid",
                               staff_id=people["leader"].pk, praise=True)
        (proposal,) = Proposal.objects.filter(source_id=complaint.pk)
        assert (proposal.source_type, proposal.rule_code) == ("praise", "BY-01")


def test_a04_praise_note_proposes_once_per_note(world, in_tenant, people):
    with in_tenant(world.alpha):
        note = services.praise_note_record(user=people["leader"], person_id=people["staff"].pk, words="送锦旗",
                                           resident="3栋 张先生")
        proposal = Proposal.objects.get(source_type="note", source_id=note.pk)
        assert (proposal.person_id, proposal.rule_code) == (people["staff"].pk, "BY-01")
        with pytest.raises(ValidationFailed) as caught:
            services.proposal_confirm(user=people["supervisor"], proposal_id=proposal.pk, points="11")
        assert "points" in caught.value.fields
        assert not Finding.objects.exists()


@pytest.mark.parametrize("kwargs,field", [
    ({"words": " "}, "words"), ({"words": "x" * 501}, "words"), ({"person": "outsider"}, "person_id"),
    ({"received_at": "future"}, "received_at"),
])
def test_a04_praise_note_bad_input_is_refused_naming_the_field_and_writes_nothing(world, in_tenant, people,
                                                                                kwargs, field):
    body = {"words": "好", **kwargs}
    person = people[body.pop("person", "staff")]
    if body.get("received_at") == "future":
        body["received_at"] = timezone.now() + timedelta(days=1)
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as caught:
            services.praise_note_record(user=people["leader"], person_id=person.pk, **body)
        assert field in caught.value.fields
        assert not PraiseNote.objects.exists() and not Proposal.objects.exists()


def test_s07_poor_evaluation_proposes_its_rule_points_once(world, in_tenant, people):
    with in_tenant(world.alpha):
        for _ in range(2):
            proposal = hooks.proposal_from_service_evaluation(evaluation_id=41, person_id=people["staff"].pk,
                                                              score=2, number="TY-0041")
        assert Proposal.objects.filter(source_type="service", source_id=41).count() == 1
        assert (proposal.rule_code, proposal.source_number) == ("FW-01", "TY-0041")
        services.proposal_confirm(user=people["supervisor"], proposal_id=proposal.pk, points="3")
        assert Finding.objects.get(proposal=proposal).points == Decimal("-3.00")


def test_s07_good_score_or_outsider_proposes_nothing_and_never_raises(world, in_tenant, people):
    with in_tenant(world.alpha):
        assert hooks.proposal_from_service_evaluation(evaluation_id=42, person_id=people["staff"].pk, score=3) is None
        assert hooks.proposal_from_service_evaluation(evaluation_id=43, person_id=people["outsider"].pk,
                                                      score=1) is None
        assert not Proposal.objects.exists()


def test_s07_threshold_is_the_catalog_setting_in_force(world, in_tenant, people):
    from modules.catalog.services import setting_set

    setting_set(key="assessment.service_poor_score_at_most", value=3)
    with in_tenant(world.alpha):
        assert hooks.proposal_from_service_evaluation(evaluation_id=44, person_id=people["staff"].pk,
                                                      score=3) is not None
