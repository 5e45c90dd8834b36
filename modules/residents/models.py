"""Residents and property (P-01): buildings → units (房号) → households → residents. Office schema."""

from __future__ import annotations

from django.contrib.postgres.indexes import OpClass
from django.db import models
from django.db.models.functions import Reverse, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.natural import natural_key
from core.validators import validate_phone


class NaturalKeyMixin:
    """P-01: buildings and units are listed in natural order (1栋 before 10栋, 101 before 1001) by a
    stored key computed on every save from `NATURAL_FROM`."""

    NATURAL_FROM = "name"

    def save(self, *args, **kwargs):
        self.sort_key = natural_key(getattr(self, self.NATURAL_FROM), max_length=255)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.NATURAL_FROM in update_fields:
            kwargs["update_fields"] = {*update_fields, "sort_key"}
        super().save(*args, **kwargs)


class Building(NaturalKeyMixin, models.Model):
    name = models.CharField(_("楼栋"), max_length=64, unique=True)
    note = models.CharField(_("备注"), max_length=255, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)  # never deleted: deactivated (P-01)
    sort_key = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    class Meta:
        ordering = ["sort_key", "id"]

    def __str__(self) -> str:
        return self.name


class Unit(NaturalKeyMixin, models.Model):
    NATURAL_FROM = "number"

    building = models.ForeignKey(Building, on_delete=models.PROTECT, related_name="units")
    number = models.CharField(_("房号"), max_length=32)
    floor = models.CharField(_("楼层"), max_length=16, blank=True)
    area_m2 = models.DecimalField(_("面积(㎡)"), max_digits=8, decimal_places=2, null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    sort_key = models.CharField(max_length=255, blank=True, editable=False)

    class Meta:
        ordering = ["building__sort_key", "sort_key", "id"]
        indexes = [models.Index(fields=["building", "sort_key"], name="residents_unit_natural"),
                   # P-02 lookup: the start of a room number, case ignored (`number__istartswith`)
                   models.Index(OpClass(Upper("number"), name="text_pattern_ops"), name="residents_unit_no_prefix")]
        constraints = [models.UniqueConstraint(fields=["building", "number"], name="unit_unique_in_building")]

    def __str__(self) -> str:
        return f"{self.building.name}-{self.number}"

    @property
    def label(self) -> str:
        return str(self)


class Household(models.Model):
    HOME, ENTERPRISE = "home", "enterprise"
    KINDS = [(HOME, _("住户")), (ENTERPRISE, _("企业"))]

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="households")
    kind = models.CharField(_("类型"), max_length=16, choices=KINDS, default=HOME)
    name = models.CharField(_("户名/企业名"), max_length=128)
    moved_in = models.DateField(_("入住日期"), null=True, blank=True)
    is_active = models.BooleanField(_("在住"), default=True)

    class Meta:
        ordering = ["unit__building__sort_key", "unit__sort_key", "id"]
        indexes = [  # P-02 lookup: the start of a household's name (`name__istartswith`)
            models.Index(OpClass(Upper("name"), name="text_pattern_ops"), name="residents_hh_name_prefix")]
        constraints = [
            # the roster import matches a household by unit + name (P-01); keep that key unique
            models.UniqueConstraint(fields=["unit", "name"], condition=models.Q(is_active=True),
                                    name="household_unique_active_name_in_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.name}"


class Resident(models.Model):
    OWNER, TENANT, FAMILY = "owner", "tenant", "family"
    RELATIONS = [(OWNER, _("业主")), (TENANT, _("租户")), (FAMILY, _("家属"))]

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="residents")
    name = models.CharField(_("姓名"), max_length=64)
    relation = models.CharField(_("身份"), max_length=16, choices=RELATIONS, default=OWNER)
    phone = models.CharField(_("电话"), max_length=32, validators=[validate_phone], db_index=True)
    email = models.EmailField(_("邮箱"), blank=True)
    note = models.CharField(_("备注"), max_length=255, blank=True)
    is_active = models.BooleanField(_("有效"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["household__unit__building__sort_key", "household__unit__sort_key", "id"]
        indexes = [  # P-02 lookup: the start of a name; a phone's last digits (its start: the `_like` index)
            models.Index(OpClass(Upper("name"), name="text_pattern_ops"), name="residents_res_name_prefix"),
            models.Index(OpClass(Reverse("phone"), name="text_pattern_ops"), name="residents_res_phone_tail"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["household", "name", "phone"], name="resident_unique_in_household")
        ]

    def __str__(self) -> str:
        return self.name


class ResidentEvent(models.Model):
    """Who changed a resident, when, and what (field → [old, new]). Rows are only ever added."""

    CREATED, UPDATED, IMPORTED = "created", "updated", "imported"
    ACTIONS = [(CREATED, _("新建")), (UPDATED, _("修改")), (IMPORTED, _("导入"))]

    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("操作"), max_length=16, choices=ACTIONS)
    by_id = models.BigIntegerField(null=True)  # a public-schema user id (no cross-schema FK)
    by_name = models.CharField(_("操作人"), max_length=150, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    changes = models.JSONField(_("变更"), default=dict, blank=True)
    note = models.CharField(_("说明"), max_length=255, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.resident_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def change_lines(self) -> list[tuple[str, object, object]]:
        """(field label, old, new) for display."""
        return [(str(Resident._meta.get_field(name).verbose_name), old, new)
                for name, (old, new) in (self.changes or {}).items()]


class PlaceEvent(models.Model):
    """Who changed a building, unit or household, when, and what (field → [old, new]). Only added.
    A household's type corrected (住户 ↔ 企业) is an event of its own kind (P-01)."""

    BUILDING, UNIT, HOUSEHOLD = "building", "unit", "household"
    ENTITIES = [(BUILDING, _("楼栋")), (UNIT, _("房号")), (HOUSEHOLD, _("住户"))]
    UPDATED, DEACTIVATED, REACTIVATED, KIND_CORRECTED = "updated", "deactivated", "reactivated", "kind_corrected"
    ACTIONS = [(UPDATED, _("修改")), (DEACTIVATED, _("停用")), (REACTIVATED, _("恢复")),
               (KIND_CORRECTED, _("更正类型"))]

    entity = models.CharField(max_length=16, choices=ENTITIES)
    entity_id = models.BigIntegerField()
    action = models.CharField(_("操作"), max_length=16, choices=ACTIONS)
    by_id = models.BigIntegerField(null=True)
    by_name = models.CharField(_("操作人"), max_length=150, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now)
    changes = models.JSONField(_("变更"), default=dict, blank=True)
    note = models.CharField(_("说明"), max_length=255, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["entity", "entity_id"], name="residents_place_event_entity")]

    def __str__(self) -> str:
        return f"{self.entity}#{self.entity_id} {self.action}"


class RosterImportJob(models.Model):
    """A roster import run in the background (P-01, issue 9 §3.8): the page queues it, a worker imports
    the kept file, the page polls its progress and then shows the result row by row. The import itself
    stays all-or-nothing: a job that fails has written no resident."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, _("排队中")), (RUNNING, _("导入中")), (DONE, _("已完成")), (FAILED, _("未导入"))]
    TRANSITIONS = {QUEUED: {RUNNING}, RUNNING: {DONE, FAILED}, DONE: set(), FAILED: set()}

    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("文件名"), max_length=255)
    status = models.CharField(_("状态"), max_length=16, choices=STATUSES, default=QUEUED)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    # [[row number, action, "楼栋-房号 姓名"], ...] and [{"row", "column", "message"}, ...]: bounded by the
    # roster's own row limit (ROSTER_MAX_ROWS)
    outcomes = models.JSONField(default=list, blank=True)
    errors = models.JSONField(default=list, blank=True)
    error = models.CharField(max_length=500, blank=True)
    requested_by_id = models.BigIntegerField(null=True)  # a public-schema user id (no cross-schema FK)
    requested_by_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="residents_rosterjob_status")]

    def __str__(self) -> str:
        return f"{self.source}: {self.status}"


class RosterImportJobEvent(models.Model):
    """Each change of an import job's status, with what happened. Only added."""

    job = models.ForeignKey(RosterImportJob, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(max_length=16, choices=RosterImportJob.STATUSES)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.job_id}: {self.status}"
