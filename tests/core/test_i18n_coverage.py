"""The English catalogue is complete, compiled, and the main pages render English when asked to.

The .po file is read with a small parser below (polib is not a dependency); `makemessages` output
only uses what it handles: comments, `#,` flags, msgctxt/msgid/msgid_plural/msgstr[n] and
continuation lines. Obsolete `#~` entries are ignored."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_0-9]*\}")
CJK = re.compile(r"[\u3400-\u9fff]")
# the English text quotes Chinese that users must type or upload as is (unit numbers, roster headers)
QUOTES_CHINESE = ("如 1栋-1201", "如 1栋-101", "上传 Excel")


def parse_po(text: str) -> list[dict]:
    entries: list[dict] = []
    current: dict = {"flags": set()}
    field = None
    for line in text.splitlines() + [""]:
        if not line.strip() or line.startswith("#~"):
            if "msgid" in current:
                entries.append(current)
            if not line.strip():
                current, field = {"flags": set()}, None
            continue
        if line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := KEYWORD.match(line):
            field = match.group(1)
            current[field] = ast.literal_eval(match.group(2))
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        else:
            raise AssertionError(f"unreadable .po line: {line!r}")
    return [entry for entry in entries if entry["msgid"]]  # the header has an empty msgid


def translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    return parse_po(PO_PATH.read_text(encoding="utf-8"))


def test_parser_reads_fuzzy_plural_and_wrapped_entries():
    sample = r"""msgid ""
msgstr ""
"Language: en\n"

#: modules/complaints/views/register.py:41
#, fuzzy, python-format
msgid "已登记投诉 %(number)s"
msgstr ""
"Complaint "
"%(number)s"

msgid "第 %(n)s 处"
msgid_plural "第 %(n)s 处"
msgstr[0] "one"
msgstr[1] ""

#~ msgid "旧"
#~ msgstr "old"
"""
    fuzzy, plural = parse_po(sample)
    assert "fuzzy" in fuzzy["flags"] and fuzzy["msgstr"] == "Complaint %(number)s"
    assert translations(plural) == ["one", ""]


def test_catalogue_has_no_untranslated_or_fuzzy_entries(catalogue):
    assert len(catalogue) > 500  # every module's strings, not only the shell
    fuzzy = [entry["msgid"] for entry in catalogue if "fuzzy" in entry["flags"]]
    empty = [entry["msgid"] for entry in catalogue if not all(translations(entry))]
    assert fuzzy == [] and empty == []


def test_translations_are_english_and_keep_their_placeholders(catalogue):
    for entry in catalogue:
        wanted = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for text in translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == wanted, entry["msgid"]
            if not entry["msgid"].startswith(QUOTES_CHINESE):
                assert not CJK.search(text), entry["msgid"]


def test_compiled_catalogue_is_up_to_date_with_the_po_file(catalogue):
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue:
        if "msgid_plural" in entry:
            assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], 1) == entry["msgstr[0]"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]


# --- pages rendered with the language cookie set to English ---------------------------------------

PAGES = [
    ("alpha", "office_director", "/", ["Complaints", "Duty", "Work orders", "Residents"]),
    ("alpha", "cs_staff", "/complaints/", ["Complaint queue", "Register complaint"]),
    ("alpha", "duty_officer", "/duty/", ["Current duty", "Roster", "Duty"]),
    ("hq", "hq_agent", "/center/", ["Complaint center inbox", "Register complaint (head office)"]),
    ("public", "group_admin", "/", ["Group administration", "Group settings", "Working-day calendar"]),
]


def _page(client, url: str, language: str | None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response


def _chrome(html: str, world, data: tuple[str, ...] = ()) -> str:
    """Title, every navigation bar (the main one and a module's own) and the page heading, without the
    tenant names and the given office data (a shift's name): data, not interface text."""
    parts = re.findall(r"<title>.*?</title>|<nav\b[^>]*>.*?</nav>|<h1>.*?</h1>", html, re.S)
    text = "\n".join(parts)
    names = [tenant.name for tenant in (world.public, world.hq, world.alpha, world.beta)] + list(data)
    for name in sorted(names, key=len, reverse=True):  # longest first: "集团总部" contains "集团"
        text = text.replace(name, "")
    return text


def _chinese_nav_labels() -> set[str]:
    from django.utils import translation

    from core.navigation import NAV

    with translation.override("zh-hans"):
        return {str(label) for _kind, _url, label, _perm in NAV}


@pytest.mark.django_db
@pytest.mark.parametrize(("tenant", "role", "url", "english"), PAGES, ids=[f"{p[0]}{p[2]}" for p in PAGES])
def test_page_renders_english_navigation_with_language_cookie(world, client_for, tenant, role, url, english):
    response = _page(client_for(getattr(world, tenant), role), url, "en")
    html = response.content.decode()
    chrome = _chrome(html, world)
    assert '<html lang="en">' in html and response["Content-Language"] == "en"
    assert all(label in html for label in english), english
    assert not CJK.search(chrome), chrome
    assert not [label for label in _chinese_nav_labels() if label in chrome]


@pytest.mark.django_db
@pytest.mark.parametrize(("tenant", "role", "url", "english"), PAGES[:1])
def test_same_page_without_cookie_stays_chinese(world, client_for, tenant, role, url, english):
    chrome = _chrome(_page(client_for(getattr(world, tenant), role), url, None).content.decode(), world)
    assert "投诉" in chrome and "值班" in chrome and "Complaints" not in chrome


# --- module pages, by their URL names: navigation bars and headings in English --------------------


def _open_handover(world) -> tuple[list[str], list[int]]:
    """A shift handover on a day far ahead (D-05); returns the shift names (office data) and its id."""
    from modules.duty.services.handover import handover_open
    from tests.modules.duty.duty_kit import FUTURE, assign, instance, person

    assign(world, "duty_officer", "day", FUTURE)
    handover = handover_open(user=person(world, "duty_officer"), instance_id=instance("day", FUTURE).pk)
    return [handover.outgoing.shift.name, handover.incoming.shift.name], [handover.pk]


MODULE_PAGES = [
    ("cs_staff", "frontdesk:contacts", ["Calls and visits log", "Work orders", "Items in custody"]),
    ("cs_staff", "frontdesk:workorders", ["Work orders", "Missed calls"]),
    ("cs_staff", "frontdesk:custody", ["Custody register", "Parcels, keys, deposited items", "No items"]),
    ("cs_staff", "residents:buildings", ["Buildings and units", "Back to residents list"]),
    ("cs_staff", "complaints:incidents", ["Complaint incidents"]),
    ("duty_officer", "duty:handover", ["Current duty", "Roster"]),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "name", "english"), MODULE_PAGES, ids=[page[1] for page in MODULE_PAGES])
def test_module_page_renders_english_navigation_and_heading(
    world, client_for, in_tenant, role, name, english
):
    data, args = [], []
    if name == "duty:handover":
        with in_tenant(world.alpha):
            data, args = _open_handover(world)
    url = reverse(name, urlconf="core.urls.office", args=args)
    response = _page(client_for(world.alpha, role), url, "en")
    html = response.content.decode()
    chrome = _chrome(html, world, tuple(data))
    assert response["Content-Language"] == "en" and "<h1>" in chrome
    assert all(label in html for label in english), english
    assert not CJK.search(chrome), chrome
    assert not [label for label in _chinese_nav_labels() if label in chrome]


@pytest.mark.django_db
def test_module_page_chrome_check_sees_a_subnav_left_in_chinese(world, client_for):
    """The check above reads the module's own navigation bar too: without the cookie it is Chinese."""
    url = reverse("frontdesk:custody", urlconf="core.urls.office")
    chrome = _chrome(_page(client_for(world.alpha, "cs_staff"), url, None).content.decode(), world)
    assert "代管物品" in chrome and "来电来访登记" in chrome


def test_group_settings_labels_follow_the_page_language_S08(world, client_for):
    from django.conf import settings

    client = client_for(world.public, "group_admin")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/admin/settings/").content.decode()
    assert "Collective complaint: household threshold" in page
    assert "集体投诉户数阈值" not in page
