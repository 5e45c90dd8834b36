"""How deeply a JSON text nests, measured before it is parsed (issue 7 §2.3).

Python's json module (and DRF's parser, and any code that walks the result) recurses once per level: a
body of 50,000 `[` raises RecursionError, a 500. The depth is measured on the raw text instead — strings
are cut out, the brackets left are counted — in C-speed steps (re, bytes.translate, itertools), so a
10 MB body costs well under a second. Texts deeper than settings.JSON_MAX_DEPTH are refused as input."""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import sub

from django.conf import settings

_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
# an opening bracket steps one level down (+1), a closing one back up (-1): byte 2 → +1, byte 0 → -1
_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")


def json_depth(text: str | bytes) -> int:
    """The deepest nesting of arrays and objects in `text` (0 for a scalar); the text need not be valid."""
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    steps = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS).translate(_STEPS)
    return max(accumulate(map(sub, steps, repeat(1))), default=0)


def json_too_deep(text: str | bytes, *, limit: int | None = None) -> bool:
    return json_depth(text) > (settings.JSON_MAX_DEPTH if limit is None else limit)
