"""Writes about people and roles (R-01..R-04): add a person, change a role, end a membership, reset or
change a password, lock and unlock an account. Each locks its row, checks who may do it (the
PEOPLE_GRANTS table of core/permissions.py) and writes an audit row (tenants.AccountEvent)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from core.errors import Forbidden, NotAllowedNow, NotFound, ValidationFailed
from core.permissions import ROLES_BY_TENANT_TYPE, may_grant
from modules.people.selectors import active_elsewhere, user_find
from tenants.events import account_event_write
from tenants.models import AccountEvent, Membership, Tenant
from tenants.passwords import one_time_password, password_check
from tenants.services import membership_grant, user_create

User = get_user_model()


def _may_grant_check(*, manager: Membership, tenant: Tenant, role: str, field: str = "role") -> None:
    """R-01/R-02: only roles of this tenant's type, only roles the manager's own role may grant."""
    if role not in ROLES_BY_TENANT_TYPE[tenant.type]:
        raise ValidationFailed("该角色不属于此单位。", fields={field: ["角色与单位类型不符"]})
    if manager.tenant_id != tenant.pk or not may_grant(manager.role, role):
        raise Forbidden("您不能授予或管理此角色。", fields={field: ["超出您可授予的角色"]})


def _managed_membership(*, manager: Membership, user_id: int, lock: bool = True) -> Membership:
    """The person's membership here, locked, if the manager may manage their current role (R-04)."""
    qs = Membership.objects.select_for_update() if lock else Membership.objects
    membership = qs.filter(tenant_id=manager.tenant_id, user_id=user_id).first()
    if membership is None:
        raise NotFound("没有此人员。")
    if membership.user_id == manager.user_id:
        raise Forbidden("不能管理自己的任职。")
    if not may_grant(manager.role, membership.role):
        raise Forbidden("此人的角色不在您的管理范围内。")
    return membership


def person_add(*, manager: Membership, tenant: Tenant, role: str, existing: str = "", username: str = "",
               display_name: str = "", phone: str = "", email: str = "") -> tuple[Membership, str]:
    """Add a person to `tenant` with `role`: an existing group account found by exact username or phone
    (R-04), or a new account with a one-time password. Returns the membership and the one-time password
    ("" for an existing account), which the caller shows once."""
    _may_grant_check(manager=manager, tenant=tenant, role=role)
    actor = manager.user
    with transaction.atomic():
        if existing:
            found = user_find(key=existing)
            if not found:
                raise ValidationFailed("没有找到此账号。", fields={"existing": ["没有此用户名或电话的账号"]})
            if len(found) > 1:
                raise ValidationFailed("多个账号使用此电话。", fields={"existing": ["请改用用户名查找"]})
            user, password = found[0], ""
            if Membership.objects.filter(user=user, tenant=tenant, is_active=True).exists():
                raise ValidationFailed("此人已在本单位任职。", fields={"existing": ["已在本单位，请改为变更角色"]})
        else:
            if not username:
                raise ValidationFailed("请填写用户名。", fields={"username": ["必填"]})
            user = user_create(username=username, display_name=display_name, phone=phone, email=email,
                               actor=actor)
            password = user.one_time_password
        membership = membership_grant(user=user, tenant=tenant, role=role, actor=actor)
    return membership, password


def membership_role_change(*, manager: Membership, user_id: int, role: str) -> Membership:
    """Give a person here another role (R-01/R-02): both the old and the new one must be the manager's."""
    with transaction.atomic():
        membership = _managed_membership(manager=manager, user_id=user_id)
        if not membership.is_active:
            raise NotAllowedNow("此人已离职，请重新添加。")
        _may_grant_check(manager=manager, tenant=membership.tenant, role=role)
        return membership_grant(user=membership.user, tenant=membership.tenant, role=role, actor=manager.user)


def membership_end(*, manager: Membership, user_id: int, note: str = "") -> Membership:
    """The person left (R-04): the membership is marked ended (never deleted, their history keeps their
    name); the membership gate refuses their sessions and tokens on this host from the next request."""
    with transaction.atomic():
        membership = _managed_membership(manager=manager, user_id=user_id)
        if not membership.is_active:
            raise NotAllowedNow("此人已离职。")
        membership.is_active, membership.ended_at, membership.ended_by = False, timezone.now(), manager.user
        membership.save(update_fields=["is_active", "ended_at", "ended_by"])
        account_event_write(user=membership.user, tenant=membership.tenant, actor=manager.user,
                            kind=AccountEvent.ENDED, role_from=membership.role, note=note)
    return membership


def _password_set_one_time(*, user, tenant: Tenant, actor) -> str:
    password = one_time_password()
    user.set_password(password)  # a new hash: every session of theirs ends (session auth hash)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    Token.objects.filter(user=user).delete()
    account_event_write(user=user, tenant=tenant, actor=actor, kind=AccountEvent.PASSWORD_RESET)
    return password


def password_reset_by_manager(*, manager: Membership, user_id: int) -> str:
    """A manager resets the password of a person here: a new one-time password, shown once. A person
    who also works elsewhere (R-04) is reset only by the group administrators."""
    with transaction.atomic():
        membership = _managed_membership(manager=manager, user_id=user_id)
        user = User.objects.select_for_update().get(pk=membership.user_id)
        if not membership.is_active or active_elsewhere(user=user, tenant=membership.tenant):
            raise Forbidden("此账号在其他单位也有任职，请由集团管理员重置密码。")
        return _password_set_one_time(user=user, tenant=membership.tenant, actor=manager.user)


def _admin_user(*, admin, user_id: int):
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        raise NotFound("没有此账号。")
    if user.pk == admin.pk:
        raise Forbidden("不能对自己的账号执行此操作。")
    return user


def password_reset_by_admin(*, admin, tenant: Tenant, user_id: int) -> str:
    """R-03: a group administrator resets anyone's password (a new one-time password, shown once)."""
    with transaction.atomic():
        user = _admin_user(admin=admin, user_id=user_id)
        return _password_set_one_time(user=user, tenant=tenant, actor=admin)


def user_lock(*, admin, tenant: Tenant, user_id: int, note: str = ""):
    """R-03: lock an account everywhere at once: no login, no session, no token on any host."""
    with transaction.atomic():
        user = _admin_user(admin=admin, user_id=user_id)
        if not user.is_active:
            raise NotAllowedNow("账号已锁定。")
        user.is_active = False  # ModelBackend refuses an inactive user's session; the gate checks it too
        user.save(update_fields=["is_active"])
        Token.objects.filter(user=user).delete()
        account_event_write(user=user, tenant=tenant, actor=admin, kind=AccountEvent.LOCKED, note=note)
    return user


def user_unlock(*, admin, tenant: Tenant, user_id: int, note: str = ""):
    with transaction.atomic():
        user = _admin_user(admin=admin, user_id=user_id)
        if user.is_active:
            raise NotAllowedNow("账号未锁定。")
        user.is_active = True
        user.save(update_fields=["is_active"])
        account_event_write(user=user, tenant=tenant, actor=admin, kind=AccountEvent.UNLOCKED, note=note)
    return user


def password_change(*, user, tenant: Tenant, old_password: str, new_password: str):
    """A person sets their own password (after a one-time one, or any time): the old one is asked for,
    Django's validators apply. The caller keeps the current session (update_session_auth_hash)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if not locked.check_password(old_password):
            raise ValidationFailed("原密码不正确。", fields={"old_password": ["原密码不正确"]})
        if old_password == new_password:
            raise ValidationFailed("新密码不能与原密码相同。", fields={"new_password": ["须与原密码不同"]})
        password_check(new_password, locked, field="new_password")
        locked.set_password(new_password)
        locked.must_change_password = False
        locked.save(update_fields=["password", "must_change_password"])
        account_event_write(user=locked, tenant=tenant, actor=locked, kind=AccountEvent.PASSWORD_CHANGED)
    return locked


def person_invite(*, tenant_slug: str, username: str, role: str, display_name: str = "", phone: str = "",
                  email: str = "") -> tuple[Membership, str]:
    """The operator's bootstrap (`manage.py user_invite`): find the account by username or create it with
    a one-time password, and grant `role` in the tenant named by its slug. The role must be of the
    tenant's type (R-01..R-03); any role of that type may be granted (the operator appoints directors).
    Returns the membership and the one-time password ("" for an existing account)."""
    tenant = Tenant.objects.filter(slug=tenant_slug).first()
    if tenant is None:
        raise NotFound(f"没有标识为“{tenant_slug}”的单位。", fields={"tenant": ["不存在"]})
    if role not in ROLES_BY_TENANT_TYPE[tenant.type]:
        raise ValidationFailed("该角色不属于此类单位。", fields={"role": ["角色与单位类型不符"]})
    with transaction.atomic():
        user = User.objects.filter(username__iexact=(username or "").strip()).first()
        password = ""
        if user is None:
            user = user_create(username=username, display_name=display_name, phone=phone, email=email)
            password = user.one_time_password
        membership = membership_grant(user=user, tenant=tenant, role=role)
    return membership, password
