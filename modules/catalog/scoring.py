"""Scoring rules of the group catalog (A-01, S-08): reads for every office, versioned writes for group
administrators (R-03). Offices read these public-schema rows; they never edit them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core.errors import ValidationFailed
from modules.catalog.models import (
    DIRECTIONS,
    LADDER_ACTIONS,
    SCORING_CATEGORIES,
    ScoringRule,
    ScoringRuleVersion,
)

MAX_POINTS = Decimal("100")


def rule_version_at(*, code: str, at: datetime | None = None) -> ScoringRuleVersion | None:
    """S-08: the version of rule `code` in force at `at` (now by default), None if none or retired."""
    version = (ScoringRuleVersion.objects.select_related("rule")
               .filter(rule__code=code, effective_from__lte=at or timezone.now())
               .order_by("-effective_from", "-id").first())
    return version if version is not None and version.active else None


def rules_in_force(*, at: datetime | None = None) -> list[ScoringRuleVersion]:
    """A-01: the version in force of every active rule, by code (DISTINCT ON rule)."""
    rows = (ScoringRuleVersion.objects.select_related("rule").filter(effective_from__lte=at or timezone.now())
            .order_by("rule_id", "-effective_from", "-id").distinct("rule_id"))
    return sorted((v for v in rows if v.active), key=lambda v: v.rule.code)


def ladder_step(*, version: ScoringRuleVersion, count: int) -> dict | None:
    """A-01: the step the `count`-th time in the month reaches: the step of that count, and the last step
    for every time after it."""
    steps = sorted(version.ladder or [], key=lambda s: s["count"])
    if steps and count >= steps[-1]["count"]:
        return steps[-1]
    return next((s for s in steps if s["count"] == count), None)


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationFailed("须为数字。", fields={field: ["须为数字"]}) from None
    if not number.is_finite() or number < 0 or number > MAX_POINTS * 100:
        raise ValidationFailed("数值超出范围。", fields={field: ["超出范围"]})
    return number


def _ladder_check(ladder) -> list[dict]:
    if not isinstance(ladder, list) or len(ladder) > 10:
        raise ValidationFailed("累计处分格式不正确。", fields={"ladder": ["须为列表（最多 10 级）"]})
    steps, actions = [], dict(LADDER_ACTIONS)
    for step in ladder:
        if not isinstance(step, dict) or step.get("action") not in actions \
                or not isinstance(step.get("count"), int) or not 2 <= step["count"] <= 31:
            raise ValidationFailed("累计处分格式不正确。", fields={"ladder": ["每级须有次数（2–31）和处分"]})
        low = _decimal(step.get("extra_min", 0), "ladder")
        high = _decimal(step.get("extra_max", low), "ladder")
        if low > high:
            raise ValidationFailed("加扣分下限不能大于上限。", fields={"ladder": ["下限大于上限"]})
        steps.append({"count": step["count"], "action": step["action"], "extra_min": str(low),
                      "extra_max": str(high)})
    if len({s["count"] for s in steps}) != len(steps):
        raise ValidationFailed("累计处分的次数重复。", fields={"ladder": ["次数重复"]})
    return sorted(steps, key=lambda s: s["count"])


@transaction.atomic
def scoring_rule_version_add(*, code: str, category: str, description: str, direction: str, points_min,
                             points_max, pay_deduction=0, ladder=(), active: bool = True, note: str = "",
                             effective_from: datetime | None = None, user=None) -> ScoringRuleVersion:
    """A-01/S-08: a new rule, or a new version of one from `effective_from` on (never in the past: a
    change never rewrites a finding already made)."""
    if category not in dict(SCORING_CATEGORIES):
        raise ValidationFailed("类别无效。", fields={"category": ["请选择类别"]})
    if direction not in dict(DIRECTIONS):
        raise ValidationFailed("加/扣分无效。", fields={"direction": ["请选择加分或扣分"]})
    if not (code or "").strip() or not (description or "").strip():
        field = "code" if not (code or "").strip() else "description"
        raise ValidationFailed("请填写编号和内容。", fields={field: ["必填"]})
    low, high = _decimal(points_min, "points_min"), _decimal(points_max, "points_max")
    if low > high or high > MAX_POINTS:
        raise ValidationFailed("分值范围不正确。", fields={"points_max": ["上限须不小于下限且不超过 100"]})
    effective_from = effective_from or timezone.now()
    if effective_from < timezone.now() - timezone.timedelta(minutes=1):
        raise ValidationFailed("生效时间不能早于现在。", fields={"effective_from": ["不能早于现在"]})
    rule, _ = ScoringRule.objects.get_or_create(code=code.strip())
    return ScoringRuleVersion.objects.create(
        rule=rule, effective_from=effective_from, category=category, description=description.strip(),
        direction=direction, points_min=low, points_max=high, pay_deduction=_decimal(pay_deduction, "pay_deduction"),
        ladder=_ladder_check(list(ladder)), active=active, note=note, created_by=user)
