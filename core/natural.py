"""Natural order of names with numbers (P-01: 1栋, 2栋, 10栋; 101, 102, 1001): a stored key, compared as
text by the database, in which every run of digits is zero-padded to the same width."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = re.compile(r"[0-9]+")
WIDTH = 10


def natural_key(text: str, *, max_length: int = 255) -> str:
    """'10栋' → '0000000010栋', '1栋' → '0000000001栋': sorting the keys as text sorts the names
    naturally. Full-width digits count as digits (NFKC); letters compare without case."""
    normal = unicodedata.normalize("NFKC", text or "").strip().lower()
    return _DIGITS.sub(lambda m: m.group().lstrip("0").rjust(WIDTH, "0"), normal)[:max_length]
