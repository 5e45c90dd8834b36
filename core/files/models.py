"""Uploaded files of an office or the head office. Stored under a random name, never served from a
guessable path: only core.files.views.file_download hands them out, to members of the tenant."""

from __future__ import annotations

import uuid

from django.db import models


def _upload_to(instance, filename: str) -> str:
    from django.db import connection

    from core.files.services import ALLOWED_TYPES

    # the extension follows the sniffed type, never the uploader's name ("x.html" stays a .png)
    ext = ALLOWED_TYPES.get(instance.content_type, "bin")
    return f"{connection.schema_name}/{uuid.uuid4().hex}.{ext}"


class StoredFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.FileField(upload_to=_upload_to, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by_id = models.BigIntegerField(null=True)  # a public-schema user id (no cross-schema FK)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


