"""F-06 / M-01: the public notice board on the office host — no login, current notices newest first."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _notice(title, *, publish_ago=None, ends_in=timedelta(days=1), starts_in=timedelta(hours=2)):
    from modules.frontdesk.services import NoticeInput, notice_create, notice_publish

    now = timezone.now()
    notice = notice_create(user=None, data=NoticeInput(
        kind="spraying", title=title, body="小区绿化消杀，请关好门窗。", starts_at=now - timedelta(days=3),
        ends_at=now + ends_in, all_buildings=True))
    if publish_ago is not None:
        notice_publish(notice_id=notice.pk, user=None, publish_at=now - timedelta(days=4) + publish_ago)
    return notice


def test_public_board_without_login_F06_M01(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        _notice("较早的消杀通知", publish_ago=timedelta(hours=1))
        _notice("最新的停水通知", publish_ago=timedelta(hours=5))
        _notice("已过期的施工通知", publish_ago=timedelta(hours=2), ends_in=-timedelta(hours=1))
        _notice("未发布的草稿")
    with in_tenant(world.beta):
        _notice("别的管理处的通知", publish_ago=timedelta(hours=3))
    response = client_for(world.alpha).get("/public/notices/")
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("最新的停水通知") < page.index("较早的消杀通知")
    for hidden in ("已过期的施工通知", "未发布的草稿", "别的管理处的通知"):
        assert hidden not in page
    assert "别的管理处的通知" in client_for(world.beta).get("/public/notices/").content.decode()
