"""Shared validators: mainland China phone numbers (P-01)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")


def normalize_phone(value: str) -> str:
    """Strip spaces and a +86/86 prefix; keep the hyphen of a landline."""
    cleaned = re.sub(r"[\s()]", "", value or "")
    if cleaned.startswith("+86"):
        cleaned = cleaned[3:]
    elif cleaned.startswith("86") and len(cleaned) == 13:
        cleaned = cleaned[2:]
    return cleaned.lstrip("-")


def is_valid_phone(value: str) -> bool:
    phone = normalize_phone(value)
    return bool(MOBILE_RE.match(phone) or LANDLINE_RE.match(phone))


def validate_phone(value: str) -> None:
    if not is_valid_phone(value):
        raise ValidationError("请输入有效的手机号（11 位）或固定电话（如 021-12345678）。", code="phone")
