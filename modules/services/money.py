"""Money of the special services (S-05, S-08): CNY as Decimal with 2 places, never float.

One check for every amount typed anywhere (API, pages, services): a number, not negative, at most 2
decimal places and at most 10 digits before the point; otherwise a 400 naming the field."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from core.errors import ValidationFailed

CENT = Decimal("0.01")
MAX = Decimal("9999999999.99")


def money(value, *, field: str, required: bool = True, allow_zero: bool = True) -> Decimal | None:
    """`value` as a Decimal of 2 places, or ValidationFailed naming `field`."""
    if value is None or value == "":
        if required:
            raise ValidationFailed("金额必填。", fields={field: ["必填"]})
        return None
    if isinstance(value, float | bool):  # a float is not money; a bool is not a number
        raise ValidationFailed("金额须为数字字符串。", fields={field: ["须为数字"]})
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationFailed("金额须为数字。", fields={field: ["须为数字"]}) from None
    if not amount.is_finite():
        raise ValidationFailed("金额须为数字。", fields={field: ["须为数字"]})
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationFailed("金额不能为负数。" if amount < 0 else "金额须大于 0。",
                               fields={field: ["不能为负数" if amount < 0 else "须大于 0"]})
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(CENT):
        raise ValidationFailed("金额最多两位小数。", fields={field: ["最多两位小数"]})
    if amount > MAX:
        raise ValidationFailed("金额过大。", fields={field: ["金额过大"]})
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)
