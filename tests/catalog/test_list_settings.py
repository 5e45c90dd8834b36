"""Issue 9 §3.7: a list setting (the complaint categories, C-02) is edited as a list, row by row; an error
names its row and keeps what was typed; every setting shows its versions (S-08). The API takes a JSON list
and answers 400 naming the index."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.calendar import SHANGHAI
from modules.catalog.defaults import default_value
from modules.catalog.models import Setting
from modules.catalog.selectors import setting_value
from modules.catalog.services import ListSettingInvalid, setting_set

pytestmark = pytest.mark.django_db
KEY = "complaint.categories"
PAGE = f"/admin/settings/{KEY}/"
API = "/api/v1/catalog/settings/"


@pytest.fixture
def admin(world, client_for):
    return client_for(world.public, "group_admin")


def _post(admin, names, codes=None, removed=(), **extra):
    codes = codes if codes is not None else [""] * len(names)
    return admin.post(PAGE, {"item_code": codes, "item_name": names, "item_remove": [str(i) for i in removed],
                             **extra})


def test_C02_list_setting_page_shows_one_row_per_item_and_its_script(admin):
    body = admin.get(PAGE).content.decode()
    for _code, name in default_value(KEY):
        assert f'name="item_name" value="{name}"' in body
    assert "catalog/list_setting.js" in body and "<script>" not in body  # CSP: no inline script


def test_C02_rows_edit_rename_keeps_code_remove_and_add(admin):
    default = default_value(KEY)
    codes = [code for code, _name in default] + [""]
    names = [name for _code, name in default] + ["停车"]
    names[1] = "清洁"  # renamed: the same item (its code is kept)
    response = _post(admin, names, codes, removed=[0], note="调整")
    assert response.status_code == 302, response.context["form"].errors
    value = setting_value(KEY)
    assert value[0] == ["cleaning", "清洁"] and "security" not in [c for c, _n in value]
    assert value[-1][1] == "停车" and value[-1][0].startswith("c_")


def test_C02_empty_and_duplicate_rows_named_by_row_and_typed_value_kept(admin):
    codes = ["security", "cleaning", "", ""]
    response = _post(admin, ["治安", "  ", "治安", "新类别"], codes)
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert "第2行：名称不能为空" in errors and "第3行：与第1行重复" in errors
    body = response.content.decode()
    assert 'value="新类别"' in body and "第3行：与第1行重复" in body
    assert not Setting.objects.filter(key=KEY).exists()


def test_C02_too_long_item_is_a_row_error(admin):
    response = _post(admin, ["治安", "长" * 40])
    assert "第2行：名称过长（最多 32 字）" in response.context["form"].non_field_errors()
    assert not Setting.objects.exists()


def test_C02_reorder_is_kept(admin):
    assert _post(admin, ["保洁", "治安"], ["cleaning", "security"]).status_code == 302
    assert setting_value(KEY) == [["cleaning", "保洁"], ["security", "治安"]]


def test_S08_list_version_in_future_does_not_change_today_and_history_shows_it(admin, world):
    future = timezone.now() + timedelta(days=3)
    local = future.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")
    assert _post(admin, ["治安"], ["security"], effective_from=local, note="精简").status_code == 302
    assert setting_value(KEY) == default_value(KEY)
    assert setting_value(KEY, at=future + timedelta(minutes=1)) == [["security", "治安"]]
    page = admin.get(PAGE)
    history = page.context["s"]["history"]
    assert [(v["text"], v["state"], v["note"]) for v in history] == [("治安", "upcoming", "精简")]
    assert history[0]["by"] == world.users[("public", "group_admin")]
    assert "版本历史" in page.content.decode()


def test_S08_scalar_setting_page_shows_history_and_saves(admin):
    key = "complaint.urgent_reply_hours"
    assert admin.post(f"/admin/settings/{key}/", {"key": key, "value": "3"}).status_code == 302
    assert admin.post(f"/admin/settings/{key}/", {"key": key, "value": "4"}).status_code == 302
    history = admin.get(f"/admin/settings/{key}/").context["s"]["history"]
    assert [(v["text"], v["state"]) for v in history] == [("4", "current"), ("3", "past")]
    bad = admin.post(f"/admin/settings/{key}/", {"key": key, "value": "abc"})
    assert bad.status_code == 200 and "value" in bad.context["form"].errors


def test_setting_page_unknown_key_404_and_not_for_office_users(world, admin, client_for):
    assert admin.get("/admin/settings/no.such/").status_code == 404
    stranger = client_for(world.public, "office_director", user_of=world.alpha)
    assert stranger.get(PAGE).status_code == 404
    assert client_for(world.alpha, "office_director").get(PAGE).status_code == 404


def test_C02_service_names_each_bad_index():
    with pytest.raises(ListSettingInvalid) as info:
        setting_set(key=KEY, value=[["security", "治安"], ["x", ""], ["security", "别名"], 5])
    assert info.value.rows == {1: "名称不能为空", 2: "代码与第1行重复", 3: "须为 [代码, 名称]"}


def test_C02_api_accepts_a_json_list(admin):
    response = admin.post(API, {"key": KEY, "value": [["security", "治安"], "停车"]}, content_type="application/json")
    assert response.status_code == 201, response.content
    assert setting_value(KEY)[0] == ["security", "治安"] and setting_value(KEY)[1][1] == "停车"
    history = admin.get(f"{API}{KEY}/").json()["history"]
    assert history[0]["value"] == setting_value(KEY) and history[0]["by"] == "public_group_admin"


@pytest.mark.parametrize("value, field", [
    ([["security", "治安"], ["cleaning", "治安"]], "value[1]"),
    ([["security", "治安"], ""], "value[1]"),
    ([["security", "治安"], ["bad code!", "坏"]], "value[1]"),
    ([], "value"),
    ("治安", "value"),
])
def test_C02_api_bad_list_400_names_the_index(admin, value, field):
    response = admin.post(API, {"key": KEY, "value": value}, content_type="application/json")
    assert response.status_code == 400, response.content
    assert field in response.json()["error"]["fields"]
    assert not Setting.objects.exists()


def test_setting_history_api_404_unknown_and_refused_to_office_user(world, admin, client_for):
    assert admin.get(f"{API}no.such/").status_code == 404
    assert client_for(world.alpha, "office_director").get(f"{API}{KEY}/").status_code == 404


def test_C01_text_setting_page_keeps_a_number_as_typed_and_names_a_bad_one(admin):
    key = "complaint.hq_hotline"
    assert admin.post(f"/admin/settings/{key}/", {"key": key, "value": "95555"}).status_code == 302
    assert setting_value(key) == "95555"
    bad = admin.post(f"/admin/settings/{key}/", {"key": key, "value": "热线"})
    assert bad.status_code == 200 and "value" in bad.context["form"].errors
    assert setting_value(key) == "95555"
