"""The residents' online channel (C-01 `online`): submit a complaint, look up its status, and the
throttle that keeps one address or phone from flooding the front desk."""

from __future__ import annotations

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile

from core.errors import ApplicationError
from core.validators import normalize_phone
from modules.catalog.selectors import setting_value
from modules.complaints.models import Complaint
from modules.complaints.selectors import complaint_status_lookup  # a read; kept importable from services
from modules.complaints.services.register import complaint_register

__all__ = ["Throttled", "complaint_status_lookup", "complaint_submit_online", "online_throttle_check"]


class Throttled(ApplicationError):
    status = 429
    code = "throttled"


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one hit on `key` in the current window of `window` seconds; True while within `limit`."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count <= limit


def online_throttle_check(*, address: str, phone: str = "") -> None:
    """Raise Throttled (429) past `complaint.online_max_per_hour_per_address` submissions or lookups
    from one client address, or `..._per_phone` for one phone, within the window of
    `complaint.online_throttle_window_minutes` (all catalog settings; keys are per tenant schema).
    `address` is the client's own address (views: axes' get_client_ip_address, proxy-aware)."""
    window = int(setting_value("complaint.online_throttle_window_minutes")) * 60
    ok = _hit(f"complaints:online:addr:{address}", setting_value("complaint.online_max_per_hour_per_address"),
              window)
    if phone:
        ok = _hit(f"complaints:online:phone:{normalize_phone(phone)}",
                  setting_value("complaint.online_max_per_hour_per_phone"), window) and ok
    if not ok:
        raise Throttled("提交过于频繁，请稍后再试或致电管理处。")


def complaint_submit_online(*, unit_text: str, name: str, phone: str, content: str,
                            photo: UploadedFile | None = None) -> Complaint:
    """A resident's complaint from the public form (no staff user; category sorted out later)."""
    return complaint_register(user=None, channel="online", content=content, complainant_name=name,
                              complainant_phone=phone, unit_text=unit_text, category="other",
                              attachments=[photo] if photo is not None else [])
