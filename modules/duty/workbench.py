"""The duty card of the office workbench (core/workbench.py): today's roster, my shifts today and the
next handover (D-01, D-05)."""

from __future__ import annotations

from django.urls import reverse

from core.calendar import local
from core.workbench import WorkbenchCard, remaining_label, workbench_card_register
from modules.duty import selectors


def duty_card(request, now) -> dict:
    today = local(now).date()
    shifts: dict = {}
    mine = []
    for line in selectors.duty_day_lines(day=today):
        shifts.setdefault(line.shift_id, {"shift": line.shift, "people": []})["people"].append(line.user_name)
        if line.user_id == request.user.pk:
            mine.append(line.shift)
    nxt = selectors.duty_next_handover(at=now)
    if nxt:
        nxt["remaining"] = remaining_label(nxt["at"], now)
        instance = nxt["instance"]
        nxt["url"] = (reverse("duty:handover", args=[nxt["handover"].pk]) if nxt["handover"]
                      else reverse("duty:shift", args=[instance.pk]) if instance.pk else reverse("duty:now"))
    return {"today": today, "shifts": list(shifts.values()), "mine": mine, "next": nxt,
            "roster_url": reverse("duty:roster") + f"?month={today:%Y-%m}", "now_url": reverse("duty:now")}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="duty.today", tenant_type="office", perm="duty.view",
                                          template="duty/workbench_duty.html", build=duty_card, order=40))
