"""F-06 / M-01: notices published in advance; the public board shows only current ones, newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import NotAllowedNow, ValidationFailed

pytestmark = pytest.mark.django_db


def notice_make(*, title="停水通知", starts_in=timedelta(days=1), lasts=timedelta(hours=6), **kw):
    from modules.frontdesk.services import NoticeInput, notice_create
    from modules.residents.models import Building

    building, _ = Building.objects.get_or_create(name="1栋")
    starts = timezone.now() + starts_in
    return notice_create(user=None, data=NoticeInput(
        kind="water_cut", title=title, body="清洗水箱，请提前储水。", starts_at=starts, ends_at=starts + lasts,
        building_ids=[building.pk], **kw))


def test_publish_must_be_before_start_M01(world, in_tenant):
    from modules.frontdesk.services import notice_publish

    with in_tenant(world.alpha):
        notice = notice_make()
        with pytest.raises(ValidationFailed) as exc:
            notice_publish(notice_id=notice.pk, user=None, publish_at=notice.starts_at)
        assert "publish_at" in exc.value.fields
        published = notice_publish(notice_id=notice.pk, user=None)
        assert published.status == "published" and published.publish_at < published.starts_at
        with pytest.raises(NotAllowedNow) as exc:
            notice_publish(notice_id=notice.pk, user=None)
        assert exc.value.code == "notice_not_draft"


def test_buildings_required_unless_all_F06(world, in_tenant):
    from modules.frontdesk.services import NoticeInput, notice_create

    with in_tenant(world.alpha):
        start = timezone.now() + timedelta(days=1)
        with pytest.raises(ValidationFailed) as exc:
            notice_create(user=None, data=NoticeInput(kind="event", title="中秋活动", body="欢迎参加",
                                                      starts_at=start, ends_at=start + timedelta(hours=2)))
        assert "building_ids" in exc.value.fields
        notice = notice_create(user=None, data=NoticeInput(kind="event", title="中秋活动", body="欢迎参加",
                                                           starts_at=start, ends_at=start + timedelta(hours=2),
                                                           all_buildings=True))
        assert notice.all_buildings


def test_public_board_current_newest_first_F06_M01(world, in_tenant):
    from modules.frontdesk.selectors import public_notices
    from modules.frontdesk.services import notice_publish, notice_withdraw

    now = timezone.now()
    with in_tenant(world.alpha):
        older = notice_make(title="旧通知", starts_in=timedelta(hours=2))
        newer = notice_make(title="新通知", starts_in=timedelta(hours=3))
        draft = notice_make(title="草稿")
        withdrawn = notice_make(title="撤回的")
        scheduled = notice_make(title="明天才发布", starts_in=timedelta(days=3))
        notice_publish(notice_id=older.pk, user=None, publish_at=now - timedelta(hours=2))
        notice_publish(notice_id=newer.pk, user=None, publish_at=now - timedelta(hours=1))
        notice_publish(notice_id=withdrawn.pk, user=None, publish_at=now - timedelta(hours=1))
        notice_withdraw(notice_id=withdrawn.pk, user=None, reason="时间改期")
        notice_publish(notice_id=scheduled.pk, user=None, publish_at=now + timedelta(days=1))
        assert list(public_notices()) == [newer, older]
        assert draft not in public_notices()
        # expired notices leave the board by themselves
        assert list(public_notices(now=older.ends_at + timedelta(seconds=1))) == [newer]
        assert list(public_notices(now=now + timedelta(days=1, seconds=1))) == [scheduled]
