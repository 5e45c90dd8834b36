"""People and roles (R-01..R-04): the may-grant table, grants, role changes, ends of membership, locks,
passwords, each with its audit row; the operator's `user_invite`."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from core import permissions as P
from core.errors import Forbidden, NotAllowedNow, ValidationFailed
from modules.people import services
from tenants.models import AccountEvent, Membership, User
from tenants.selectors import membership_get
from tenants.services import membership_grant, user_create

pytestmark = pytest.mark.django_db


def _manager(world, tenant, role):
    return Membership.objects.select_related("user").get(user=world.users[(tenant.slug, role)], tenant=tenant)


def test_no_manager_may_grant_a_role_ranked_at_or_above_their_own_nor_of_another_type_R01_R02():
    for manager, roles in P.PEOPLE_GRANTS.items():
        own_type = next(t for t, rs in P.ROLES_BY_TENANT_TYPE.items() if manager in rs)
        assert roles <= set(P.ROLES_BY_TENANT_TYPE[own_type]), manager
        assert all(P.ROLE_RANK[r] < P.ROLE_RANK[manager] for r in roles), manager
    assert set(P.PEOPLE_GRANTS) == P.PERMISSIONS["people.manage"]
    assert set(P.ROLE_RANK) == set(P.ALL_ROLES)


def test_cs_supervisor_grants_only_front_desk_roles_below_them_R01():
    assert P.may_grant(P.CS_SUPERVISOR, P.CS_STAFF) and P.may_grant(P.CS_SUPERVISOR, P.CS_LEADER)
    assert not P.may_grant(P.CS_SUPERVISOR, P.CS_SUPERVISOR)
    assert not P.may_grant(P.CS_SUPERVISOR, P.OFFICE_DIRECTOR)
    assert not P.may_grant(P.CS_STAFF, P.CS_STAFF)


def test_user_create_without_password_gives_a_one_time_password_and_must_change_R01():
    user = user_create(username="otp_new", display_name="王一")
    assert user.must_change_password and user.one_time_password
    assert user.check_password(user.one_time_password)
    assert AccountEvent.objects.filter(user=user, kind=AccountEvent.CREATED).exists()


def test_user_create_with_password_keeps_the_old_signature():
    user = user_create(username="otp_kept", password="a-Strong-pass-2026")
    assert not user.must_change_password and user.one_time_password == ""
    flagged = user_create(username="otp_flag", password="a-Strong-pass-2026", one_time=True)
    assert flagged.must_change_password


def test_user_create_applies_the_password_validators():
    with pytest.raises(ValidationFailed) as exc:
        user_create(username="weak_one", password="123")
    assert "password" in exc.value.fields


def test_add_new_person_then_role_change_then_end_each_audited_R01_R04(world):
    director = _manager(world, world.alpha, "office_director")
    membership, password = services.person_add(manager=director, tenant=world.alpha, role=P.CS_STAFF,
                                               username="new_cs_1", display_name="李新")
    assert password and membership.user.must_change_password
    services.membership_role_change(manager=director, user_id=membership.user_id, role=P.CS_LEADER)
    ended = services.membership_end(manager=director, user_id=membership.user_id, note="离职")
    assert not ended.is_active and ended.ended_at and ended.ended_by == director.user
    assert Membership.objects.filter(pk=membership.pk).exists()  # never deleted: history keeps the name
    assert membership_get(user=membership.user, tenant=world.alpha) is None
    kinds = list(AccountEvent.objects.filter(user=membership.user, tenant=world.alpha).values_list("kind", flat=True))
    assert kinds == [AccountEvent.ENDED, AccountEvent.ROLE_CHANGED, AccountEvent.GRANTED]  # newest first
    with pytest.raises(NotAllowedNow):
        services.membership_end(manager=director, user_id=membership.user_id)


def test_existing_account_of_another_office_is_added_by_phone_R04(world):
    director = _manager(world, world.alpha, "office_director")
    other = user_create(username="multi_office", password="a-Strong-pass-2026", phone="13900001111")
    membership_grant(user=other, tenant=world.beta, role=P.CS_STAFF)
    membership, password = services.person_add(manager=director, tenant=world.alpha, role=P.CASHIER,
                                               existing="13900001111")
    assert password == "" and membership.user == other
    assert membership_get(user=other, tenant=world.beta).role == P.CS_STAFF
    with pytest.raises(ValidationFailed) as exc:
        services.person_add(manager=director, tenant=world.alpha, role=P.CASHIER, existing="13900001111")
    assert "existing" in exc.value.fields


def test_no_role_of_another_tenant_type_nor_above_own_R01_R02(world):
    director = _manager(world, world.alpha, "office_director")
    with pytest.raises(ValidationFailed):
        services.person_add(manager=director, tenant=world.alpha, role=P.HQ_GM, username="x_hq")
    with pytest.raises(Forbidden):
        services.person_add(manager=director, tenant=world.alpha, role=P.OFFICE_DIRECTOR, username="x_dir")
    supervisor = _manager(world, world.alpha, "cs_supervisor")
    with pytest.raises(Forbidden):
        services.person_add(manager=supervisor, tenant=world.alpha, role=P.DUTY_DIRECTOR, username="x_dd")
    with pytest.raises(Forbidden):  # the duty director is not the supervisor's to end
        services.membership_end(manager=supervisor, user_id=world.users[("alpha", "duty_director")].pk)
    assert not User.objects.filter(username__in=["x_hq", "x_dir", "x_dd"]).exists()  # nothing half-written


def test_a_director_of_office_a_cannot_reach_office_b_R04(world):
    director = _manager(world, world.alpha, "office_director")
    with pytest.raises(Forbidden):
        services.person_add(manager=director, tenant=world.beta, role=P.CS_STAFF, username="x_beta")
    with pytest.raises(Exception) as exc:
        services.membership_end(manager=director, user_id=world.users[("beta", "cs_staff")].pk)
    assert getattr(exc.value, "status", None) == 404


def test_manager_reset_refused_for_a_person_working_elsewhere_R04(world):
    director = _manager(world, world.alpha, "office_director")
    other = user_create(username="reset_multi", password="a-Strong-pass-2026")
    membership_grant(user=other, tenant=world.alpha, role=P.CS_STAFF)
    membership_grant(user=other, tenant=world.hq, role=P.HQ_AGENT)
    with pytest.raises(Forbidden):
        services.password_reset_by_manager(manager=director, user_id=other.pk)
    only_here = user_create(username="reset_single", password="a-Strong-pass-2026")
    membership_grant(user=only_here, tenant=world.alpha, role=P.CS_STAFF)
    password = services.password_reset_by_manager(manager=director, user_id=only_here.pk)
    only_here.refresh_from_db()
    assert only_here.check_password(password) and only_here.must_change_password
    assert AccountEvent.objects.filter(user=only_here, kind=AccountEvent.PASSWORD_RESET, tenant=world.alpha).exists()


def test_lock_and_unlock_everywhere_R03(world):
    admin = world.users[("public", "group_admin")]
    target = world.users[("alpha", "cs_staff")]
    services.user_lock(admin=admin, tenant=world.public, user_id=target.pk, note="离职")
    target.refresh_from_db()
    assert not target.is_active and membership_get(user=target, tenant=world.alpha) is None
    services.user_unlock(admin=admin, tenant=world.public, user_id=target.pk)
    target.refresh_from_db()
    assert target.is_active
    kinds = list(AccountEvent.objects.filter(user=target).values_list("kind", flat=True)[:2])
    assert kinds == [AccountEvent.UNLOCKED, AccountEvent.LOCKED]
    with pytest.raises(Forbidden):
        services.user_lock(admin=admin, tenant=world.public, user_id=admin.pk)


def test_password_change_checks_old_and_validators_and_clears_the_flag(world):
    user = user_create(username="pw_change")
    with pytest.raises(ValidationFailed) as exc:
        services.password_change(user=user, tenant=world.alpha, old_password="wrong", new_password="x-New-pass-2026")
    assert "old_password" in exc.value.fields
    with pytest.raises(ValidationFailed) as exc:
        services.password_change(user=user, tenant=world.alpha, old_password=user.one_time_password,
                                 new_password="12345678")
    assert "new_password" in exc.value.fields
    services.password_change(user=user, tenant=world.alpha, old_password=user.one_time_password,
                             new_password="x-New-pass-2026")
    user.refresh_from_db()
    assert not user.must_change_password and user.check_password("x-New-pass-2026")


def test_user_invite_creates_grants_and_prints_the_password_once_R01(world, capsys):
    call_command("user_invite", world.alpha.slug, "invited_dir", "office_director", "--name", "赵主任")
    out = capsys.readouterr().out
    user = User.objects.get(username="invited_dir")
    assert user.must_change_password and "one-time password" in out
    assert membership_get(user=user, tenant=world.alpha).role == P.OFFICE_DIRECTOR
    call_command("user_invite", world.hq.slug, "invited_dir", "hq_agent")  # the same account at hq
    assert "password unchanged" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("user_invite", world.alpha.slug, "invited_dir", "hq_gm")  # role of another type
    with pytest.raises(CommandError):
        call_command("user_invite", "no-such-office", "invited_dir", "cs_staff")
