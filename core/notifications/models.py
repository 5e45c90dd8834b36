"""Notifications (public schema): in-app messages per user and tenant, and the outbox of e-mails.

An e-mail is first an OutboxMessage row written in the same transaction as the change that caused
it; a Celery task delivers it after commit. If Redis is down the row stays pending and the beat task
`outbox_flush` sends it later (DESIGN.md "The only door between tenants": nothing is lost)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    tenant = models.ForeignKey("tenants.Tenant", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True, max_length=limits.SYSTEM)
    url = models.CharField(max_length=500, blank=True)
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001 (NULL = no dedupe)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "tenant", "dedupe_key"], name="notification_sent_once",
                                    condition=models.Q(dedupe_key__isnull=False)),
        ]
        indexes = [models.Index(fields=["user", "tenant", "read_at"])]

    def __str__(self) -> str:
        return self.title


class OutboxMessage(models.Model):
    PENDING, SENT, FAILED = "pending", "sent", "failed"
    STATUSES = [(PENDING, _("待发送")), (SENT, _("已发送")), (FAILED, _("失败"))]
    EMAIL = "email"

    channel = models.CharField(max_length=16, default=EMAIL)
    recipient = models.CharField(max_length=254)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=limits.SYSTEM)
    status = models.CharField(max_length=16, choices=STATUSES, default=PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True, max_length=limits.SYSTEM)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)  # last time a delivery task was queued
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.channel}:{self.recipient}:{self.subject}"
