"""F-03 missed calls called back; F-04 visitors to office towers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.frontdesk.factories import user_of

pytestmark = pytest.mark.django_db


def test_missed_calls_not_yet_called_back_F03(world, in_tenant):
    from modules.frontdesk.selectors import missed_call_list
    from modules.frontdesk.services import missed_call_callback, missed_call_record

    with in_tenant(world.alpha):
        user = user_of(world, "cs_staff")
        first = missed_call_record(user=user, phone="13700137000", missed_at=timezone.now() - timedelta(minutes=30))
        second = missed_call_record(user=user, phone="021-55556666")
        missed_call_callback(missed_call_id=first.pk, user=user, reached=False, result="无人接听")
        assert list(missed_call_list()) == [second, first]
        done = missed_call_callback(missed_call_id=first.pk, user=user, reached=True, result="已答复停车问题")
        assert list(missed_call_list()) == [second]
        assert done.attempts == 2 and done.called_back_by_name and done.called_back_at is not None


def test_called_back_twice_is_409_F03(world, in_tenant):
    from modules.frontdesk.services import missed_call_callback, missed_call_record

    with in_tenant(world.alpha):
        call = missed_call_record(user=None, phone="13700137000")
        missed_call_callback(missed_call_id=call.pk, user=None, reached=True, result="已联系")
        with pytest.raises(NotAllowedNow) as exc:
            missed_call_callback(missed_call_id=call.pk, user=None, reached=True, result="再次联系")
        assert exc.value.code == "missed_call_already_called_back"


def test_missed_call_bad_number_names_phone_F03(world, in_tenant):
    from modules.frontdesk.services import missed_call_record

    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as exc:
            missed_call_record(user=None, phone="12")
        assert "phone" in exc.value.fields


def test_visitor_still_inside_today_F04(world, in_tenant):
    from modules.frontdesk.selectors import visitor_list
    from modules.frontdesk.services import visitor_check_in, visitor_check_out

    with in_tenant(world.alpha):
        user = user_of(world, "cs_staff")
        inside = visitor_check_in(user=user, name="王五", company="星辰科技 12F", phone="13600136000")
        left = visitor_check_in(user=user, name="赵六", company="海川律所", phone="13500135000")
        visitor_check_out(visitor_id=left.pk, user=user)
        assert list(visitor_list(inside_only=True)) == [inside]
        assert set(visitor_list()) == {inside, left}


def test_yesterdays_visitor_not_on_todays_list_and_double_checkout_409_F04(world, in_tenant):
    from modules.frontdesk.selectors import visitor_list
    from modules.frontdesk.services import visitor_check_in, visitor_check_out

    with in_tenant(world.alpha):
        old = visitor_check_in(user=None, name="钱七", company="某公司", phone="13500135000",
                               time_in=timezone.now() - timedelta(days=1, hours=1))
        assert old not in visitor_list(inside_only=True)
        visitor_check_out(visitor_id=old.pk, user=None)
        with pytest.raises(NotAllowedNow) as exc:
            visitor_check_out(visitor_id=old.pk, user=None)
        assert exc.value.code == "visitor_already_left"
