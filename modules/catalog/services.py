"""Writes of the group catalog (R-03): versioned settings (S-08) and calendar overrides."""

from __future__ import annotations

import hashlib
import math
import re
from datetime import date, datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import connection, transaction
from django.utils import timezone

from core.errors import ValidationFailed
from modules.catalog.defaults import DEFAULTS
from modules.catalog.models import CalendarOverride, Setting
from modules.catalog.selectors import calendar_override_current

# a list setting (the complaint categories, C-02): items [code, name]; the code is what records keep, so a
# renamed item keeps its code and the records made under it still find it (S-08)
LIST_MAX_ITEMS = 100
LIST_NAME_MAX = 32
LIST_CODE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")


class ListSettingInvalid(ValidationFailed):
    """A list setting refused item by item: `rows` is {index in the list: message}. The API names each
    index (field `value[i]`); the page puts each message on its row."""

    def __init__(self, rows: dict[int, str]):
        self.rows = rows
        lines = [f"第{index + 1}行：{message}" for index, message in sorted(rows.items())]
        fields = {"value": lines} | {f"value[{index}]": [message] for index, message in sorted(rows.items())}
        super().__init__(lines[0], code="invalid_list", fields=fields)


def list_item_code(name: str) -> str:
    """The code of a new item (its name hashed: the same name gets the same code)."""
    return "c_" + hashlib.sha1(name.encode()).hexdigest()[:10]


def _check_item(item, *, index: int, codes: dict, names: dict) -> tuple[list[str] | None, str | None]:
    if isinstance(item, str):
        item = ["", item]
    if not isinstance(item, list | tuple) or len(item) != 2 or not all(isinstance(x, str) for x in item):
        return None, "须为 [代码, 名称]"
    code, name = item[0].strip(), " ".join(item[1].split())
    if not name:
        return None, "名称不能为空"
    if len(name) > LIST_NAME_MAX:
        return None, f"名称过长（最多 {LIST_NAME_MAX} 字）"
    if name in names:
        return None, f"与第{names[name] + 1}行重复"
    code = code or list_item_code(name)
    if not LIST_CODE.match(code):
        return None, "代码须为小写字母开头的字母、数字或下划线（最多 32 位）"
    if code in codes:
        return None, f"代码与第{codes[code] + 1}行重复"
    names[name], codes[code] = index, index
    return [code, name], None


def _check_list(value) -> list[list[str]]:
    """C-02: a list of [code, name] (a bare name gets a code); every bad item named by its index."""
    if not isinstance(value, list):
        raise ValidationFailed("须为列表。", fields={"value": ["须为列表"]})
    if not value:
        raise ValidationFailed("列表至少要有一项。", fields={"value": ["至少要有一项"]})
    if len(value) > LIST_MAX_ITEMS:
        raise ValidationFailed(f"列表最多 {LIST_MAX_ITEMS} 项。", fields={"value": [f"最多 {LIST_MAX_ITEMS} 项"]})
    items, rows, codes, names = [], {}, {}, {}
    for index, item in enumerate(value):
        clean, error = _check_item(item, index=index, codes=codes, names=names)
        if error:
            rows[index] = error
        items.append(clean)
    if rows:
        raise ListSettingInvalid(rows)
    return items


PUBLIC_PHONE_RE = re.compile(r"^[0-9][0-9 -]{3,18}[0-9]$")  # 0755-12345678, 400-800-1234, 95555
TEXT_SETTING_MAX = 100


def _check_text(key: str, value: str) -> str:
    """A text setting: at most TEXT_SETTING_MAX characters, and in its format when the default names one
    (C-01: a public phone number, an e-mail address); empty is allowed (not published)."""
    value = value.strip()
    if len(value) > TEXT_SETTING_MAX:
        raise ValidationFailed("内容过长。", fields={"value": [f"最多 {TEXT_SETTING_MAX} 个字符"]})
    kind = DEFAULTS[key].get("format")
    if value and kind == "public_phone" and not PUBLIC_PHONE_RE.match(value):
        raise ValidationFailed("电话号码无效。", fields={"value": ["请输入电话号码，如 0755-12345678 或 400-800-1234"]})
    if value and kind == "email":
        try:
            validate_email(value)
        except DjangoValidationError:
            raise ValidationFailed("邮箱地址无效。", fields={"value": ["请输入有效的邮箱地址"]}) from None
    return value


def _check_value(key: str, value):
    """The value in the default's type. Numbers of the rule book are positive and finite; a count of
    days, hours or households is a whole number (a deadline of 2.5 working days does not exist)."""
    default = DEFAULTS[key]["value"]
    if isinstance(default, list):
        return _check_list(value)
    if isinstance(default, bool) or not isinstance(default, int | float):
        if type(value) is not type(default):
            raise ValidationFailed("值的类型不正确。", fields={"value": [f"须为 {type(default).__name__}"]})
        return _check_text(key, value) if isinstance(value, str) else value
    try:
        if isinstance(value, bool):
            raise TypeError
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationFailed("须为数字。", fields={"value": ["须为数字"]}) from None
    if not math.isfinite(number) or number <= 0:
        raise ValidationFailed("须为大于 0 的有限数字。", fields={"value": ["须大于 0"]})
    if isinstance(default, int):
        if not number.is_integer():
            raise ValidationFailed("须为整数。", fields={"value": ["须为整数"]})
        return int(number)
    return number


def setting_set(*, key: str, value, effective_from: datetime | None = None, note: str = "",
                user=None) -> Setting:
    """A new version of `key` from `effective_from` (now by default). Past versions stay (S-08)."""
    if key not in DEFAULTS:
        raise ValidationFailed("未知的设置项。", fields={"key": ["未知的设置项"]})
    value = _check_value(key, value)
    effective_from = effective_from or timezone.now()
    if effective_from < timezone.now() - timezone.timedelta(minutes=1):
        raise ValidationFailed("生效时间不能早于现在：设置不改写过去（S-08）。",
                               fields={"effective_from": ["不能早于现在"]})
    return Setting.objects.create(key=key, value=value, effective_from=effective_from, note=note,
                                  created_by=user)


def _lock_calendar() -> None:
    """Serialise calendar changes (a transaction-scoped advisory lock): two administrators saving
    the same date one after the other always leave the later one in force."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('catalog.calendar_override'))")


@transaction.atomic
def calendar_override_set(*, day: date, is_working_day: bool, note: str = "", user=None) -> CalendarOverride:
    """A new decision for `day`; the earlier ones stay as its history (nothing is edited)."""
    _lock_calendar()
    return CalendarOverride.objects.create(date=day, is_working_day=bool(is_working_day), note=note,
                                           created_by=user)


@transaction.atomic
def calendar_override_clear(*, day: date, note: str = "", user=None) -> CalendarOverride | None:
    """Back to the official calendar for `day`: a row that says so (the earlier decisions stay).
    Nothing is written when no group decision is in force for `day`."""
    _lock_calendar()
    current = calendar_override_current(day=day)
    if current is None or current.is_working_day is None:
        return None
    return CalendarOverride.objects.create(date=day, is_working_day=None, note=note, created_by=user)
