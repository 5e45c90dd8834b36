"""Storing uploads: type and size checked, random name, tenant-scoped row."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from core.errors import ValidationFailed
from core.files.models import StoredFile

ALLOWED_TYPES = {
    "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf",
}
MAX_BYTES = 5 * 1024 * 1024
_MAGIC = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png", b"%PDF-": "application/pdf"}


def _sniff(upload: UploadedFile) -> str | None:
    """The type the bytes say, whatever the name or the browser claim. RIFF alone is also WAV and
    AVI: WebP needs its own tag at offset 8."""
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return next((ctype for magic, ctype in _MAGIC.items() if head.startswith(magic)), None)


def file_store(*, upload: UploadedFile, user=None, field: str = "file") -> StoredFile:
    """Keep an uploaded photo or scan (JPEG, PNG, WebP, PDF up to 5 MB)."""
    if upload.size > MAX_BYTES:
        raise ValidationFailed("文件不能超过 5 MB。", fields={field: ["文件过大（上限 5 MB）"]})
    content_type = _sniff(upload)
    if content_type not in ALLOWED_TYPES:
        raise ValidationFailed("只接受 JPG、PNG、WebP 图片或 PDF 扫描件。", fields={field: ["文件类型不支持"]})
    return StoredFile.objects.create(
        file=upload, original_name=upload.name[:255], content_type=content_type, size=upload.size,
        uploaded_by_id=getattr(user, "pk", None),
    )
