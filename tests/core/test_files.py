"""Uploaded files: type sniffed from the bytes, size limited, handed out only to members of the tenant
that holds the row, never under a guessable /media/ path."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from core.errors import ValidationFailed
from core.files.models import StoredFile
from core.files.services import MAX_BYTES, file_store

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PDF = b"%PDF-1.7\n" + b"0" * 64
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32


@pytest.fixture(autouse=True)
def media_root(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield tmp_path / "media"


def _upload(content: bytes, name="photo.png", content_type="image/png"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize("content, expected", [
    (PNG, "image/png"), (JPEG, "image/jpeg"), (PDF, "application/pdf"), (WEBP, "image/webp"),
])
def test_file_store_accepts_images_and_pdf(world, in_tenant, content, expected, media_root):
    with in_tenant(world.alpha):
        stored = file_store(upload=_upload(content, name="现场照片.html"), user=world.users[("alpha", "cs_staff")])
        assert StoredFile.objects.filter(pk=stored.pk).exists()
    assert stored.content_type == expected
    assert stored.original_name == "现场照片.html"
    assert stored.file.name.startswith("alpha/")
    assert not stored.file.name.endswith(".html")  # the extension follows the bytes
    assert (media_root / stored.file.name).read_bytes() == content


@pytest.mark.parametrize("content, name", [
    (b"<html><script>alert(1)</script>", "x.png"), (b"MZ\x90\x00executable", "scan.pdf"),
    (WAV, "sound.webp"), (b"", "empty.jpg"),
])
def test_file_store_refuses_other_types_field_named(world, in_tenant, content, name):
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as info:
            file_store(upload=_upload(content, name=name), field="photo")
        assert not StoredFile.objects.exists()
    assert "photo" in info.value.fields


def test_file_store_refuses_over_5_mb(world, in_tenant):
    big = _upload(PNG + b"\x00" * (MAX_BYTES - len(PNG) + 1))
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as info:
            file_store(upload=big)
        assert not StoredFile.objects.exists()
    assert "file" in info.value.fields


@pytest.fixture
def alpha_file(world, in_tenant):
    with in_tenant(world.alpha):
        return file_store(upload=_upload(PNG, name="漏水.png"))


def test_member_downloads_file_on_own_host(world, client_for, alpha_file):
    response = client_for(world.alpha, "cs_staff").get(f"/files/{alpha_file.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_beta_user_gets_404_for_alpha_file(world, client_for, alpha_file):
    # on alpha's host without membership there
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get(f"/files/{alpha_file.pk}/").status_code == 404
    # on beta's own host: the row is not in beta's schema
    assert client_for(world.beta, "cs_staff").get(f"/files/{alpha_file.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(world, client_for, alpha_file):
    response = client_for(world.alpha).get(f"/files/{alpha_file.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_file_not_reachable_under_media(world, client_for, alpha_file, media_root):
    assert (media_root / alpha_file.file.name).exists()
    for tenant, role in ((world.alpha, "cs_staff"), (world.public, "group_admin"), (world.hq, "hq_gm")):
        client = client_for(tenant, role)
        for path in (f"/media/{alpha_file.file.name}", f"/{alpha_file.file.name}",
                     f"/static/../media/{alpha_file.file.name}"):
            assert client.get(path).status_code == 404, (tenant.slug, path)
