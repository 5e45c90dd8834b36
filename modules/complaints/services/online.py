"""The residents' online channel (C-01 `online`): submit a complaint, look up its status, and the
throttles that keep one address or phone from flooding the front desk. Submissions and lookups are
counted apart (issue 7 §2.9): looking a complaint up never uses up the right to submit one."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from core.errors import ApplicationError
from core.outage import Backoff
from core.validators import normalize_phone
from modules.catalog.selectors import setting_value
from modules.complaints.models import Complaint
from modules.complaints.selectors import complaint_status_lookup  # a read; kept importable from services
from modules.complaints.services.register import complaint_register

__all__ = ["Throttled", "complaint_status_lookup", "complaint_submit_online", "online_lookup_throttle_check",
           "online_throttle_check"]

logger = logging.getLogger(__name__)
_cache_down = Backoff("cache (online complaint throttle)")


class Throttled(ApplicationError):
    status = 429
    code = "throttled"


def _hit(key: str, limit: int, window: int) -> bool:
    """Count one hit on `key` in the current window of `window` seconds; True while within `limit`.
    Redis unreachable: True (fail open, logged) -- a resident's complaint is never refused or lost
    because the counter is down (issue 7 §1.1); a paused Redis is skipped for a while (core.outage)."""
    if _cache_down.active():
        logger.info("online complaint throttle not counted (Redis unreachable): request let through")
        return True
    try:
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
    except (RedisError, OSError) as exc:
        logger.warning("online complaint throttle not counted (Redis unreachable): request let through")
        _cache_down.trip(exc)
        return True
    return count <= limit


def _enforce(limits: list[tuple[str, int]], *, message: str) -> None:
    window = int(setting_value("complaint.online_throttle_window_minutes")) * 60
    results = [_hit(key, int(limit), window) for key, limit in limits]  # every counter counts the hit
    if not all(results):
        raise Throttled(message)


def online_throttle_check(*, address: str, phone: str = "") -> None:
    """Submissions: raise Throttled (429) past `complaint.online_max_per_hour_per_address` from one
    client address, or `..._per_phone` for one phone, within the window of
    `complaint.online_throttle_window_minutes` (all catalog settings; keys are per tenant schema).
    `address` is the client's own address (views: axes' get_client_ip_address, proxy-aware)."""
    limits = [(f"complaints:online:submit:addr:{address}", setting_value("complaint.online_max_per_hour_per_address"))]
    if phone:
        limits.append((f"complaints:online:submit:phone:{normalize_phone(phone)}",
                       setting_value("complaint.online_max_per_hour_per_phone")))
    _enforce(limits, message=_("提交过于频繁，请稍后再试或致电管理处。"))


def online_lookup_throttle_check(*, address: str) -> None:
    """Status lookups: their own counter per client address, `complaint.online_lookups_per_hour_per_address`
    in the same window (C-01), so lookups never use up the submissions of the same address."""
    _enforce([(f"complaints:online:lookup:addr:{address}",
               setting_value("complaint.online_lookups_per_hour_per_address"))],
             message=_("查询过于频繁，请稍后再试或致电管理处。"))


def complaint_submit_online(*, unit_text: str, name: str, phone: str, content: str,
                            photo: UploadedFile | None = None) -> Complaint:
    """A resident's complaint from the public form (no staff user; category sorted out later)."""
    return complaint_register(user=None, channel="online", content=content, complainant_name=name,
                              complainant_phone=phone, unit_text=unit_text, category="other",
                              attachments=[photo] if photo is not None else [])
