"""Writes about tenants: creating offices (and the head office), domains and memberships."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import connection, transaction
from django_tenants.utils import schema_exists

from core.errors import ValidationFailed
from core.permissions import GROUP_ADMIN, ROLES_BY_TENANT_TYPE
from tenants.models import Domain, Membership, Tenant, User

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


def membership_grant(*, user: User, tenant: Tenant, role: str) -> Membership:
    if role not in ROLES_BY_TENANT_TYPE[tenant.type]:
        raise ValidationFailed("该角色不属于此类租户。", fields={"role": ["角色与租户类型不符"]})
    membership, _ = Membership.objects.update_or_create(
        user=user, tenant=tenant, defaults={"role": role, "is_active": True}
    )
    return membership


def user_create(*, username: str, password: str = "", display_name: str = "", phone: str = "",
                email: str = "", password_hash: str = "") -> User:
    """A person with a password, or with `password_hash` already made (a generated one-time password
    whose text is shown once and never kept, tenants/job_services.py)."""
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    if User.objects.filter(username=username).exists():
        raise ValidationFailed("用户名已存在。", fields={"username": ["已存在"]})
    user = User(username=username, display_name=display_name, phone=phone, email=email)
    if password_hash:
        user.password = password_hash
    else:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed("密码不符合要求。", fields={"password": list(exc.messages)}) from exc
        user.set_password(password)
    user.save()
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
