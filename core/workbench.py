"""The workbench 工作台: every home page is a set of cards of the person's own to-dos (DESIGN.md "Pages").

Core knows no module: each module registers its cards from its AppConfig.ready() with
`workbench_card_register(WorkbenchCard(...))`, so a later module (visits due, training, …) adds a card
to the home page without editing core. A card names its tenant type, the permission it needs, a
template and a `build(request, now)` callable returning the template's context (None hides the card).
A builder reads through its module's selectors only, with a number of queries that does not grow with
the rows (tests/core/test_workbench*.py pins the home page's query count), and links every number to
the filtered list behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from core.permissions import PERMISSIONS, has_perm


@dataclass(frozen=True)
class WorkbenchCard:
    key: str  # unique; registering the same key again replaces the card (ready() may run twice in tests)
    tenant_type: str  # "office" | "hq" | "public"
    perm: str  # the role permission the card needs (core.permissions)
    template: str  # rendered with the builder's context under `card`
    build: Callable  # build(request, now) -> dict | None
    order: int = 100  # smaller first


_CARDS: dict[str, WorkbenchCard] = {}


def workbench_card_register(card: WorkbenchCard) -> None:
    if card.perm not in PERMISSIONS:  # at start-up, not on a page
        raise KeyError(f"unknown permission {card.perm!r}")
    _CARDS[card.key] = card


def workbench_cards(*, tenant_type: str, role: str | None) -> list[WorkbenchCard]:
    """The registered cards of this tenant type that `role` may see, in order."""
    cards = [c for c in _CARDS.values() if c.tenant_type == tenant_type and has_perm(role, c.perm)]
    return sorted(cards, key=lambda c: (c.order, c.key))


def workbench_for(request, *, now=None) -> list[dict]:
    """The home page's cards for the request's tenant and role: [{"key", "template", "data"}]."""
    now = now or timezone.now()
    membership = getattr(request, "membership", None)
    role = membership.role if membership is not None else None
    shown = []
    for card in workbench_cards(tenant_type=request.tenant.type, role=role):
        data = card.build(request, now)
        if data is not None:
            shown.append({"key": card.key, "template": card.template, "data": data})
    return shown


def remaining_label(due_at, now) -> str:
    """The countdown text a list shows before core/countdown.js takes over: 剩 1小时05分 / 超时 20分."""
    if due_at is None:
        return ""
    seconds = int((due_at - now).total_seconds())
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    from django.utils.translation import gettext

    text = ((gettext("%(n)s天") % {"n": days} if days else "")
            + (gettext("%(n)s小时") % {"n": hours} if hours or days else "")
            + gettext("%(n)s分") % {"n": f"{mins:02d}"})
    return gettext("剩 %(time)s") % {"time": text} if seconds >= 0 else gettext("超时 %(time)s") % {"time": text}
