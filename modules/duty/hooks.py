"""The door other modules use to write into the duty log (D-06).

Called by complaints (registration, on-spot handling C-03, and the result of every complaint: reply,
the customer's opinion, closing, C-12/C-14) and front desk (contacts F-01, inspection
findings F-05) inside their own transaction."""

from __future__ import annotations

from datetime import datetime

from modules.duty.models import LogEntry

# where the log links an auto entry to (D-06)
SOURCE_URLS = {
    "complaint": "/complaints/{id}/",
    "contact": "/frontdesk/contacts/{id}/",
    "workorder": "/frontdesk/workorders/{id}/",
}


def source_url(source_type: str, source_id: int | None) -> str:
    pattern = SOURCE_URLS.get(source_type or "")
    return pattern.format(id=source_id) if pattern and source_id is not None else ""


def duty_log_auto_entry(*, kind: str, content: str, source_type: str, source_id: int, occurred_at: datetime,
                        user=None, result: str = "", source_number: str = "", link_type: str = "",
                        link_id: int | None = None, link_number: str = "") -> None:
    """Record a linked entry in the log of the office's shift running at `occurred_at` (D-06).

    Never fails the caller for lack of a roster or shift: without a shift the entry is kept for the
    day; in an archived month it is kept and noted (D-07); an unknown kind is recorded as "other".
    An entry with a `result` records an outcome, so it is nobody's unfinished work (D-05).
    `source_number` is the record's number staff read (a complaint's TS-…); `link_*` a second record the
    same event belongs to (one line for one event, D-06)."""
    from django.db import transaction
    from django.utils import timezone

    from modules.duty.services.log import log_entry_write

    if kind not in LogEntry.KIND_CODES:
        kind = "other"
    if occurred_at is None:
        occurred_at = timezone.now()
    elif timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    # no savepoint of its own (issue 8 goal 4): nothing here raises an application error (the kind is
    # known, the content never empty, an archived month or a later moment allowed), so the entry stands or
    # falls with the caller's transaction, as a savepoint would have it anyway
    with transaction.atomic(savepoint=False):
        log_entry_write(user=user, kind=kind, content=(content or "").strip() or source_number or "—",
                        occurred_at=occurred_at, source_type=(source_type or "")[:32], source_id=source_id,
                        result=result or "", allow_archived=True, check_future=False,
                        abnormal=kind == "patrol",  # D-02/F-05: a patrol line from another module is a finding
                        links={"source_number": source_number, "link_type": link_type, "link_id": link_id,
                               "link_number": link_number})


def duty_log_link(*, source_type: str, source_id: int, link_type: str, link_id: int, link_number: str) -> int:
    """D-06: one event, one line. A call registered at the front desk that became a complaint is the
    complaint's line in the log, linked to the call too (no second line). Called in the transaction
    that wrote the line (before anyone has read it); returns how many lines were linked."""
    return LogEntry.objects.filter(source_type=source_type, source_id=source_id, link_type="").update(
        link_type=link_type[:32], link_id=link_id, link_number=(link_number or "")[:32])
