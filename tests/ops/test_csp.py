"""Content-Security-Policy (issue 7 §3): every page carries it, scripts only from our static files, and
no page has an inline script or event handler for the policy to block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.permissions import CS_STAFF
from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I)


def _policy(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in header.split(";") if d.strip()}


def _assert_no_inline_code(html: str) -> None:
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html).group(0)
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html).group(0)


def test_pages_carry_a_policy_without_inline_scripts(world, client_for, in_tenant):
    client = client_for(world.alpha, CS_STAFF)
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", CS_STAFF)], household_id=household_make().pk)
    for url in ("/complaints/", "/complaints/new/", f"/complaints/{complaint.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        _assert_no_inline_code(response.content.decode())


def test_the_countdown_words_reach_the_script_as_data(world, client_for):
    html = client_for(world.alpha, CS_STAFF).get("/complaints/").content.decode()
    assert 'src="/static/core/countdown.js"' in html and 'data-left="剩 {t}"' in html


def test_api_docs_load_their_start_up_script_from_a_url(world, client_for):
    client = client_for(world.alpha, CS_STAFF)
    page = client.get("/api/docs/")
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers
    _assert_no_inline_code(page.content.decode())
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")


def test_no_template_has_inline_script_or_handler():
    templates = [p for base in ("core", "modules", "tenants", "api") for p in (ROOT / base).rglob("*.html")]
    assert templates
    for path in templates:
        text = path.read_text()
        assert not INLINE_SCRIPT.search(text), path
        assert not INLINE_HANDLER.search(text), path
