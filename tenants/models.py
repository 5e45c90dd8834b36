"""Tenants (DESIGN.md "Tenancy"): the public row, the head office and every management office; their
domains; global users and their per-tenant memberships (R-04). All live in the public schema."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from core.permissions import ALL_ROLES


class User(AbstractUser):
    """A person, global to the group. What they may do is decided per tenant by Membership (R-04)."""

    display_name = models.CharField(_("姓名"), max_length=64, blank=True)
    phone = models.CharField(_("电话"), max_length=32, blank=True)
    # a one-time password was set (new account, reset): every page leads to the change-password page and
    # the API answers 403 `password_change_required` until the person sets their own
    must_change_password = models.BooleanField(_("须修改密码"), default=False)

    def __str__(self) -> str:
        return self.display_name or self.username


class Tenant(TenantMixin):
    PUBLIC, HQ, OFFICE = "public", "hq", "office"
    TYPES = [(PUBLIC, _("集团")), (HQ, _("总部")), (OFFICE, _("管理处"))]
    KIND_CHOICES = [
        ("residential", _("住宅小区")),
        ("office_tower", _("写字楼")),
        ("mixed", _("综合物业")),
        ("mall", _("商场")),
    ]

    type = models.CharField(_("类型"), max_length=16, choices=TYPES)
    slug = models.SlugField(_("标识"), max_length=63, unique=True)
    name = models.CharField(_("名称"), max_length=128)
    kind = models.CharField(_("物业类型"), max_length=16, choices=KIND_CHOICES, blank=True)
    # C-01 (seed 000): the office's 24-hour duty phone, published on the residents' public pages; set by
    # the office director (services.office_profile_update)
    duty_phone = models.CharField(_("值班电话"), max_length=32, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    auto_create_schema = True
    auto_drop_schema = False  # nothing the rules keep is ever dropped

    class Meta:
        ordering = ["type", "slug"]

    def __str__(self) -> str:
        return self.name

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        """Clone the per-type template schema; fall back to migrating when there is no template.

        The template carries its django_migrations rows, so the clone needs no faked migrate run
        (tenants/templates.py keeps the templates migrated; a test compares clone and migration)."""
        from tenants.templates import create_schema_for

        create_schema_for(self, check_if_exists=check_if_exists, sync_schema=sync_schema,
                          verbosity=verbosity)


class Domain(DomainMixin):
    class Meta:
        ordering = ["domain"]


class Membership(models.Model):
    """What `user` is in `tenant` (R-04). No membership there: the tenant does not exist for them."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=32, choices=list(ALL_ROLES.items()))
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # the person left: the row stays, so their history keeps their name; a new grant reopens it
    ended_at = models.DateTimeField(_("离职时间"), null=True, blank=True)
    ended_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "tenant"], name="one_membership_per_tenant")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.tenant}: {self.role}"


class SchemaScript(models.Model):
    """A template schema as SQL, for one migration state of it (tenants/template_script.py): creating
    a tenant replays it instead of cloning, so the cost does not grow with the number of schemas."""

    template = models.CharField(max_length=63)
    state = models.CharField(max_length=64)  # sha256 of the template's django_migrations rows
    script = models.TextField(max_length=16 * 1024 * 1024)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["template", "state"], name="one_script_per_state")]

    def __str__(self) -> str:
        return f"{self.template} @ {self.state[:12]}"


class OfficeJob(models.Model):
    """Creating an office from the group console, run in the background (issue 8): the console asks,
    a worker creates the office and its first director step by step, the page shows the progress."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, _("排队中")), (RUNNING, _("创建中")), (DONE, _("已完成")), (FAILED, _("失败"))]
    TRANSITIONS = {QUEUED: {RUNNING}, RUNNING: {DONE, FAILED}, DONE: set(), FAILED: set()}
    STEPS = ("office", "director", "membership")  # schema and domain; the director's account; their role

    slug = models.CharField(_("子域名标识"), max_length=63)
    name = models.CharField(_("管理处名称"), max_length=128)
    kind = models.CharField(_("物业类型"), max_length=16, choices=Tenant.KIND_CHOICES)
    director_username = models.CharField(_("主任用户名"), max_length=150)
    director_display_name = models.CharField(_("主任姓名"), max_length=64)
    director_phone = models.CharField(_("主任电话"), max_length=32, blank=True)
    director_password = models.CharField(max_length=128)  # a hash (make_password); the text is never kept
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=QUEUED)
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=len(STEPS))
    error = models.CharField(max_length=500, blank=True)
    tenant = models.ForeignKey(Tenant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    requested_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # the running worker's last sign of life: set when it starts and at every step done; a job running
    # with no sign for OFFICE_JOB_STALL_AFTER seconds lost its worker (tenants.job_services)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="officejob_status_created")]

    def __str__(self) -> str:
        return f"{self.slug}: {self.status}"


class OfficeJobEvent(models.Model):
    """Each change of a job's status, with what happened."""

    job = models.ForeignKey(OfficeJob, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=16, choices=OfficeJob.STATUSES)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.job_id}: {self.status}"


class AccountEvent(models.Model):
    """The audit trail of people and roles (R-01..R-04): every grant, role change, end of membership,
    lock, unlock and password reset or change, with who did it (null: the operator's command) and in
    which tenant (the public tenant for a group-wide lock). Append-only."""

    CREATED, GRANTED, ROLE_CHANGED, ENDED = "created", "granted", "role_changed", "ended"
    LOCKED, UNLOCKED, PASSWORD_RESET, PASSWORD_CHANGED = "locked", "unlocked", "password_reset", "password_changed"
    KINDS = [
        (CREATED, _("创建账号")), (GRANTED, _("授予角色")), (ROLE_CHANGED, _("变更角色")),
        (ENDED, _("结束任职")), (LOCKED, _("锁定账号")), (UNLOCKED, _("解锁账号")),
        (PASSWORD_RESET, _("重置密码")), (PASSWORD_CHANGED, _("修改密码")),
    ]

    # like Membership's: users and tenants are never deleted (no code path does), so nothing cascades
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="account_events")
    tenant = models.ForeignKey(Tenant, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=32, choices=KINDS)
    role_from = models.CharField(max_length=32, blank=True)
    role_to = models.CharField(max_length=32, blank=True)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "tenant", "-created_at"], name="account_event_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} @ {self.tenant_id}"

    @property
    def role_from_label(self) -> str:
        return str(ALL_ROLES.get(self.role_from, self.role_from))

    @property
    def role_to_label(self) -> str:
        return str(ALL_ROLES.get(self.role_to, self.role_to))
