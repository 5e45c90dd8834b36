"""Writes about tenants: creating offices (and the head office), domains and memberships."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection, transaction
from django_tenants.utils import schema_exists

from core.errors import Forbidden, ValidationFailed
from core.permissions import GROUP_ADMIN, ROLES_BY_TENANT_TYPE
from tenants.events import account_event_write
from tenants.models import AccountEvent, Domain, Membership, Tenant, User
from tenants.passwords import one_time_password, password_check

RESERVED_SLUGS = frozenset({"www", "hq", "api", "admin", "static", "media", "public", "mail", "template"})
SLUG_RE = re.compile(r"^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def _validate_slug(slug: str, *, allow_reserved: bool = False) -> None:
    if not slug or not SLUG_RE.match(slug):
        raise ValidationFailed(
            "标识须为小写字母开头的 DNS 名称（小写字母、数字、连字符，最长 63）。",
            fields={"slug": ["须为小写 DNS 标签，如 lakeside"]},
        )
    if slug in RESERVED_SLUGS and not allow_reserved:
        raise ValidationFailed(f"“{slug}”是保留名称。", fields={"slug": ["保留名称，不能使用"]})
    if Tenant.objects.filter(slug=slug).exists():
        raise ValidationFailed(f"“{slug}”已被使用。", fields={"slug": ["已被使用"]})
    schema_name = slug.replace("-", "_")
    # PostgreSQL reserves pg_*; a schema of that name may also exist without a tenant (information_schema)
    if schema_name.startswith("pg_") or schema_exists(schema_name, case_sensitive=False):
        raise ValidationFailed(f"“{slug}”不能用作标识。", fields={"slug": ["与数据库保留名称冲突"]})


def _tenant_create(*, type: str, slug: str, name: str, kind: str = "", allow_reserved=False) -> Tenant:
    _validate_slug(slug, allow_reserved=allow_reserved)
    if not name or not name.strip():
        raise ValidationFailed("名称必填。", fields={"name": ["必填"]})
    schema_name = slug.replace("-", "_")
    connection.set_schema_to_public()  # tenants are rows of the public schema
    # one transaction: a failure anywhere leaves no row, no schema and no domain behind
    with transaction.atomic():
        tenant = Tenant(type=type, slug=slug, name=name.strip(), kind=kind, schema_name=schema_name)
        tenant.save()
        Domain.objects.create(domain=f"{slug}.{settings.BASE_DOMAIN}", tenant=tenant, is_primary=True)
    connection.set_schema_to_public()
    return tenant


def office_check(*, slug: str, name: str, kind: str) -> None:
    """What `office_create` would refuse, raised before anything is written (a queued job checks first)."""
    if kind not in dict(Tenant.KIND_CHOICES):
        raise ValidationFailed("物业类型无效。", fields={"kind": ["无效选项"]})
    _validate_slug(slug)
    if not name or not name.strip():
        raise ValidationFailed("名称必填。", fields={"name": ["必填"]})


def office_create(*, slug: str, name: str, kind: str = "residential") -> Tenant:
    """Create an office: tenant row, schema built from the office template (tenants/template_script.py),
    domain `<slug>.<base>`."""
    if kind not in dict(Tenant.KIND_CHOICES):
        raise ValidationFailed("物业类型无效。", fields={"kind": ["无效选项"]})
    return _tenant_create(type=Tenant.OFFICE, slug=slug, name=name, kind=kind)


def hq_create(*, name: str = "集团总部", slug: str = "hq") -> Tenant:
    if Tenant.objects.filter(type=Tenant.HQ).exists():
        raise ValidationFailed("总部已存在。", fields={"slug": ["总部只能有一个"]})
    return _tenant_create(type=Tenant.HQ, slug=slug, name=name, allow_reserved=True)


def public_tenant_ensure() -> Tenant:
    """The public row and the apex domain (group administration)."""
    tenant = Tenant.objects.filter(schema_name="public").first()
    if tenant is None:
        tenant = Tenant(schema_name="public", type=Tenant.PUBLIC, slug="public", name="集团")
        tenant.save()
    Domain.objects.get_or_create(domain=settings.BASE_DOMAIN, defaults={"tenant": tenant, "is_primary": True})
    return tenant


def membership_grant(*, user: User, tenant: Tenant, role: str, actor: User | None = None) -> Membership:
    """Give `user` the role `role` in `tenant` (R-04): a new membership, a changed role, or an ended one
    reopened. Only roles of the tenant's type (R-01..R-03). Writes an audit row when anything changes.
    Who may call it for whom is checked by the caller (modules/people/services.py, user_invite)."""
    if role not in ROLES_BY_TENANT_TYPE[tenant.type]:
        raise ValidationFailed("该角色不属于此类租户。", fields={"role": ["角色与租户类型不符"]})
    with transaction.atomic():
        membership = Membership.objects.select_for_update().filter(user=user, tenant=tenant).first()
        if membership is not None and membership.is_active and membership.role == role:
            return membership  # nothing changes
        if membership is None:
            membership = Membership.objects.create(user=user, tenant=tenant, role=role)
            kind, role_from = AccountEvent.GRANTED, ""
        else:
            was_active = membership.is_active
            kind = AccountEvent.ROLE_CHANGED if was_active else AccountEvent.GRANTED
            role_from = membership.role if was_active else ""
            membership.role, membership.is_active = role, True
            membership.ended_at = membership.ended_by = None
            membership.save(update_fields=["role", "is_active", "ended_at", "ended_by"])
        account_event_write(user=user, tenant=tenant, actor=actor, kind=kind, role_from=role_from, role_to=role)
    return membership


def user_create(*, username: str, password: str = "", display_name: str = "", phone: str = "",
                email: str = "", actor: User | None = None, one_time: bool = False,
                password_hash: str = "") -> User:
    """A new group account. Without `password` a one-time password is generated (`user.one_time_password`,
    to be shown once); with `one_time=True` the given password is one-time too; `password_hash` is a
    one-time password already hashed (the console's office job, tenants/job_services.py: its text is shown
    once and never kept). In each of these cases the person must set their own at the first login
    (`must_change_password`)."""
    from django.core.exceptions import ValidationError

    username = (username or "").strip()
    try:
        User.username_validator(username)
    except ValidationError as exc:
        raise ValidationFailed("用户名无效。", fields={"username": list(exc.messages)}) from exc
    if not username or len(username) > 150:
        raise ValidationFailed("用户名无效。", fields={"username": ["必填，最长 150"]})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed("用户名已存在。", fields={"username": ["已存在"]})
    if password_hash:
        one_time = True
    elif not password:
        password, one_time = one_time_password(), True
    user = User(username=username, display_name=display_name, phone=phone, email=email,
                must_change_password=one_time)
    if password_hash:
        user.password = password_hash
    else:
        password_check(password, user)
        user.set_password(password)
    with transaction.atomic():
        user.save()
        account_event_write(user=user, actor=actor, kind=AccountEvent.CREATED)
    user.one_time_password = password if one_time and not password_hash else ""
    return user


def group_bootstrap(*, admin_username: str = "", admin_password: str = "", admin_email: str = "") -> Tenant:
    """A fresh deployment's first tenants (idempotent): the public row with the apex domain, the head
    office, and optionally a group administrator (R-03) with a membership in the public tenant."""
    public = public_tenant_ensure()
    if not Tenant.objects.filter(type=Tenant.HQ).exists():
        hq_create()
    if admin_username:
        user = User.objects.filter(username=admin_username).first()
        if user is None:
            if not admin_password:
                raise ValidationFailed("新管理员需要密码。", fields={"password": ["必填"]})
            user = user_create(username=admin_username, password=admin_password, email=admin_email)
        membership_grant(user=user, tenant=public, role=GROUP_ADMIN)
    return public


def office_profile_update(*, user: User, office: Tenant, duty_phone: str) -> Tenant:
    """C-01 (seed 000): the office director sets the office's duty phone, which the residents' public
    pages publish. The office row is locked while it changes; saving it refreshes the routing cache
    (tenants/signals.py), so every host serves the new number at once. Empty clears it."""
    from core.permissions import has_perm
    from core.validators import is_valid_phone
    from tenants.selectors import membership_get

    membership = membership_get(user=user, tenant=office)
    if office.type != Tenant.OFFICE or membership is None or not has_perm(membership.role, "office.profile"):
        raise Forbidden("只有管理处主任可以修改管理处信息。", code="office_profile_forbidden")
    phone = (duty_phone or "").strip()
    if phone and (len(phone) > 32 or not is_valid_phone(phone)):
        raise ValidationFailed("值班电话无效。", fields={"duty_phone": ["请输入有效的手机号或固定电话（如 0755-12345678）"]})
    with transaction.atomic():
        row = Tenant.objects.select_for_update().get(pk=office.pk)
        row.duty_phone = phone
        row.save(update_fields=["duty_phone"])
    return row
