"""V-03: the public survey page's throttle — per client address and per phone, in the shared cache, with
counters of its own (answering a survey never uses up the right to file a complaint). The counting is the
online complaint form's (modules.complaints.services.online: fails open while Redis is down)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.validators import normalize_phone
from modules.catalog.selectors import setting_values
from modules.complaints.services.online import Throttled, _hit

__all__ = ["Throttled", "public_throttle_check"]


def public_throttle_check(*, address: str, phone: str = "") -> None:
    """Raise Throttled (429) past `surveys.public_max_per_hour_per_address` from one client address or
    `surveys.public_max_per_hour_per_phone` for one phone within `surveys.public_throttle_window_minutes`."""
    values = setting_values(["surveys.public_max_per_hour_per_address", "surveys.public_max_per_hour_per_phone",
                             "surveys.public_throttle_window_minutes"])
    window = int(values["surveys.public_throttle_window_minutes"]) * 60
    limits = [(f"surveys:public:addr:{address}", values["surveys.public_max_per_hour_per_address"])]
    if phone:
        limits.append((f"surveys:public:phone:{normalize_phone(phone)}", values["surveys.public_max_per_hour_per_phone"]))
    results = [_hit(key, int(limit), window) for key, limit in limits]  # every counter counts the hit
    if not all(results):
        raise Throttled(_("提交过于频繁，请稍后再试或致电管理处。"))
