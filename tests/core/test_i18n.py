"""Chinese first, English available: the language switch in the page shell."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_chinese_by_default(world, client_for):
    html = client_for(world.alpha).get("/accounts/login/").content.decode()
    assert "登录" in html and "Log in" not in html


def test_switch_to_english_then_pages_render_english(world, client_for):
    client = client_for(world.public, "group_admin")
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "Group administration" in html and "集团管理" not in html
    assert '<html lang="en">' in html
    assert "Working-day calendar" in html  # navigation labels too
    settings_page = client.get("/admin/settings/").content.decode()
    assert "Group settings (SLAs and rule parameters)" in settings_page


def test_english_login_page_on_office_host(world, client_for):
    client = client_for(world.alpha)
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    html = client.get("/accounts/login/").content.decode()
    assert "Log in" in html and "Username" in html and "Password" in html
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/accounts/login/"})
    assert "用户名" in client.get("/accounts/login/").content.decode()
