"""F-05: inspection rounds — findings become work orders, followed until closed; yesterday's review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import NotAllowedNow
from tests.modules.frontdesk.factories import user_of

pytestmark = pytest.mark.django_db


def test_finding_becomes_work_order_and_duty_log_entry_F05(world, in_tenant):
    from modules.duty.models import LogEntry
    from modules.frontdesk.services import inspection_finding_add, inspection_start, workorder_transition

    with in_tenant(world.alpha):
        user = user_of(world, "cs_staff")
        round_ = inspection_start(user=user, area="2栋 大堂及消防通道")
        finding = inspection_finding_add(round_id=round_.pk, user=user, category="fire_exits",
                                         description="消防通道堆放杂物", department="security", location="2栋 B1")
        order = finding.work_order
        assert order.department == "security" and order.status == "dispatched"
        assert (order.source_type, order.source_id) == ("inspection_finding", finding.pk)
        entry = LogEntry.objects.get(source_type="workorder", source_id=order.pk)
        assert entry.kind == "patrol"
        for action in ("accept", "done"):
            workorder_transition(work_order_id=order.pk, action=action, user=None, role="security", result="已清理")
        workorder_transition(work_order_id=order.pk, action="verify", user=user, role="cs_staff")
        finding.refresh_from_db()
        assert finding.work_order.status == "verified"


def test_submit_records_checklist_and_closes_round_F05(world, in_tenant):
    from modules.frontdesk.services import inspection_finding_add, inspection_start, inspection_submit

    with in_tenant(world.alpha):
        round_ = inspection_start(user=None, area="小区花园")
        inspection_finding_add(round_id=round_.pk, user=None, category="greening", description="草坪枯黄",
                               department="greening")
        round_ = inspection_submit(round_id=round_.pk, user=None, issues=["illegal_adverts"])
        assert round_.checklist["greening"] == "issue" and round_.checklist["illegal_adverts"] == "issue"
        assert round_.checklist["toilets"] == "ok" and round_.status == "submitted"
        with pytest.raises(NotAllowedNow) as exc:
            inspection_finding_add(round_id=round_.pk, user=None, category="toilets", description="缺纸",
                                   department="cleaning")
        assert exc.value.code == "inspection_not_open"


def test_supervisor_reviews_previous_days_rounds_F05(world, in_tenant):
    from modules.frontdesk.selectors import inspections_to_review
    from modules.frontdesk.services import inspection_review, inspection_start, inspection_submit

    with in_tenant(world.alpha):
        yesterday = inspection_start(user=None, area="1栋", started_at=timezone.now() - timedelta(days=1))
        today = inspection_start(user=None, area="2栋")
        for r in (yesterday, today):
            inspection_submit(round_id=r.pk, user=None, issues=[])
        assert list(inspections_to_review()) == [yesterday]
        reviewed = inspection_review(round_id=yesterday.pk, user=user_of(world, "cs_supervisor"), note="已阅，跟进两项")
        assert reviewed.status == "reviewed" and reviewed.review_note == "已阅，跟进两项"
        assert list(inspections_to_review()) == []
        with pytest.raises(NotAllowedNow) as exc:
            inspection_review(round_id=today.pk, user=None, note="")
        assert exc.value.code == "inspection_review_too_early"
        with pytest.raises(NotAllowedNow):
            inspection_review(round_id=yesterday.pk, user=None, note="again")
