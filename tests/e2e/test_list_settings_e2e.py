"""Issue 9 §3.7 in a real browser: a group administrator edits the complaint categories (C-02) as a list —
adds a row, moves it, removes one — and the saved version shows in the setting's history (S-08).
static/catalog/list_setting.js runs under the Content-Security-Policy (no inline script)."""

import pytest

pytestmark = pytest.mark.e2e
KEY = "complaint.categories"


@pytest.fixture
def _no_versions_left(committed):
    from modules.catalog.models import Setting

    yield
    committed(lambda: Setting.objects.filter(key=KEY).delete())  # committed rows outlive the test


def test_C02_list_rows_added_moved_removed_and_saved_S08(page_for, world, live_server_url_for, _no_versions_left):
    from modules.catalog.defaults import default_value
    from modules.catalog.selectors import setting_history

    page = page_for(world.public, "public_group_admin")
    page.goto(live_server_url_for(world.public) + f"/admin/settings/{KEY}/")
    rows = page.locator("#list-editor li.list-row")
    count = rows.count()
    assert page.locator(".list-remove").first.is_hidden()  # the script replaced the ticks by buttons
    page.click("#list-add")
    assert rows.count() == count + 1
    rows.nth(count).locator("input[name=item_name]").fill("停车管理")
    for place in range(count, count - 4, -1):  # above the 3 blank rows and above the last item
        rows.nth(place).locator("button[data-action=up]").click()
    rows.nth(0).locator("button[data-action=remove]").click()  # 治安 goes
    page.fill("input[name=effective_from]", "2035-01-01T08:00")  # scheduled: today's list is untouched
    page.fill("input[name=note]", "浏览器")
    page.click("#setting-form button[type=submit]")
    page.wait_for_selector("#setting-history td:has-text('浏览器')")
    saved = setting_history(key=KEY).get().value
    names = [name for _code, name in saved]
    default_names = [name for _code, name in default_value(KEY)]
    assert names == [*default_names[1:-1], "停车管理", default_names[-1]]
