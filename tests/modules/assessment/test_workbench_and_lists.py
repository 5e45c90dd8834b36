"""The assessment workbench cards (supervisor: proposals overdue first, the month's findings, sheets to
compile and sign; director: sheets to sign, dismissal reviews), the sheets list, the proposals filters, the
praise form, and bad input on the pages (A-01, A-02, A-04): refused with the field named, nothing written;
another office's user gets 404 on every new page (R-04)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from modules.assessment import services
from modules.assessment.models import PraiseNote, Proposal, Sheet

pytestmark = pytest.mark.django_db


def _months():
    this = timezone.localdate().replace(day=1)
    return this, (this - timedelta(days=1)).replace(day=1)


def _at(month, day=2):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(month.year, month.month, day, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a04_a02_supervisor_card_overdue_first_findings_and_sheets_to_compile(world, in_tenant, client_for):
    staff, leader = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_leader")]
    this, last = _months()
    with in_tenant(world.alpha):
        fresh = services.praise_note_record(user=leader, person_id=staff.pk, words="谢谢")
        late = services.praise_note_record(user=leader, person_id=leader.pk, words="锦旗")
        Proposal.objects.filter(source_id=late.pk, source_type="note").update(overdue=True)
        services.finding_record(user=leader, person_id=staff.pk, rule_code="LY-01", occurred_at=_at(last))
        services.finding_record(user=leader, person_id=leader.pk, rule_code="LY-01", occurred_at=_at(last))
        services.sheet_compile(user=leader, person_id=leader.pk, month=last)
        services.finding_record(user=leader, person_id=staff.pk, rule_code="LY-04",
                                occurred_at=min(timezone.now(), _at(this, 1)))
    page = client_for(world.alpha, "cs_supervisor").get("/").content.decode()
    card = page[page.index('id="wb-assessment"'):]
    card = card[:card.index("</section>")]
    assert "/assessment/proposals/?status=pending" in card and "/assessment/proposals/?overdue=1" in card
    assert card.index(leader.display_name or leader.username) < card.index(staff.display_name or staff.username)
    figures = [int(x.split("</strong>")[0]) for x in card.split("<strong>")[1:6]]
    assert figures == [2, 1, 1, 1, 1]  # pending, overdue, this month's findings, to compile, to sign
    assert fresh.pk and 'id="wb-assessment-director"' not in page


def test_a01_a02_director_card_sheets_to_sign_and_dismissal_reviews(world, in_tenant, client_for):
    staff, leader = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_leader")]
    _this, last = _months()
    with in_tenant(world.alpha):
        for day in range(1, 6):  # the 5th time is the dismissal review
            services.finding_record(user=leader, person_id=staff.pk, rule_code="YX-06", occurred_at=_at(last, day),
                                    extra_points={3: "1", 4: "3"}.get(day))
        services.sheet_compile(user=world.users[("alpha", "cs_supervisor")], person_id=staff.pk, month=last)
    director = client_for(world.alpha, "office_director")
    page = director.get("/").content.decode()
    card = page[page.index('id="wb-assessment-director"'):]
    card = card[:card.index("</section>")]
    assert 'id="wb-assessment"' not in page
    assert f"/assessment/sheets/{staff.pk}/{last:%Y-%m}/" in card
    assert "step=dismissal_review" in card
    listed = director.get(f"/assessment/?month={last:%Y-%m}&step=dismissal_review").content.decode()
    assert listed.count("/assessment/findings/") == 1
    to_sign = director.get("/assessment/sheets/?status=compiled").content.decode()
    assert f"/assessment/sheets/{staff.pk}/{last:%Y-%m}/" in to_sign


def test_a04_praise_form_on_the_proposals_page(world, in_tenant, client_for):
    staff = world.users[("alpha", "cs_staff")]
    leader = client_for(world.alpha, "cs_leader")
    response = leader.post("/assessment/proposals/", {"action": "praise", "praise-person_id": staff.pk,
                                                      "praise-words": "业主送来表扬信", "praise-resident": "5栋 李女士"})
    assert response.status_code == 302
    with in_tenant(world.alpha):
        note = PraiseNote.objects.get()
        assert Proposal.objects.get(source_type="note", source_id=note.pk).rule_code == "BY-01"
    # a bad one is shown again with what was typed and the field named; nothing written
    response = leader.post("/assessment/proposals/", {"action": "praise", "praise-person_id": staff.pk,
                                                      "praise-words": "", "praise-resident": "6栋 王先生"})
    assert response.status_code == 400 and "6栋 王先生" in response.content.decode()
    assert "praise-words" in response.content.decode()
    with in_tenant(world.alpha):
        assert PraiseNote.objects.count() == 1
    # the director's view of proposals: pending only, overdue only
    director = client_for(world.alpha, "office_director")
    assert director.get("/assessment/proposals/?status=pending").status_code == 200
    assert "暂无考核建议" in director.get("/assessment/proposals/?overdue=1").content.decode()


def test_a02_sheet_signed_by_the_wrong_role_or_before_compiling_writes_nothing(world, in_tenant, client_for):
    staff, leader = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_leader")]
    with in_tenant(world.alpha):
        services.finding_record(user=leader, person_id=staff.pk, rule_code="LY-01")
    month = timezone.localdate().replace(day=1)
    url = f"/assessment/sheets/{staff.pk}/{month:%Y-%m}/"
    assert client_for(world.alpha, "cs_supervisor").post(url, {"action": "sign"}).status_code == 404
    response = client_for(world.alpha, "office_director").post(url, {"action": "sign"}, follow=True)
    assert "考核表当前状态不能执行此操作" in response.content.decode()
    with in_tenant(world.alpha):
        assert not Sheet.objects.exclude(status="draft").exists()


def test_isolation_new_assessment_pages_are_404_for_another_office(world, client_for):
    for path in ("/assessment/sheets/", "/assessment/sheets/?status=compiled", "/assessment/proposals/?overdue=1",
                 "/assessment/?step=dismissal_review"):
        assert client_for(world.alpha, "office_director", user_of=world.beta).get(path).status_code == 404, path
        assert client_for(world.alpha, "cs_staff").get(path).status_code == 404, path
    outsider = client_for(world.alpha, "cs_leader", user_of=world.beta)
    assert outsider.post("/assessment/proposals/", {"action": "praise"}).status_code == 404
