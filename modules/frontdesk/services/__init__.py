"""Every write of the front desk (F-01..F-06, M-01)."""

from modules.frontdesk.services.contacts import ContactInput, contact_register
from modules.frontdesk.services.custody import (
    custody_incident_record,
    custody_incident_report,
    custody_incident_resolve,
    custody_receive,
    custody_return,
)
from modules.frontdesk.services.desk import (
    missed_call_callback,
    missed_call_record,
    visitor_check_in,
    visitor_check_out,
)
from modules.frontdesk.services.inspections import (
    inspection_finding_add,
    inspection_review,
    inspection_start,
    inspection_submit,
)
from modules.frontdesk.services.notices import NoticeInput, notice_create, notice_publish, notice_withdraw
from modules.frontdesk.services.workorders import workorder_dispatch, workorder_due_at, workorder_transition

__all__ = [
    "ContactInput", "NoticeInput", "contact_register", "custody_incident_record", "custody_incident_report",
    "custody_incident_resolve", "custody_receive", "custody_return", "inspection_finding_add", "inspection_review",
    "inspection_start", "inspection_submit", "missed_call_callback", "missed_call_record", "notice_create",
    "notice_publish", "notice_withdraw", "visitor_check_in", "visitor_check_out", "workorder_dispatch",
    "workorder_due_at", "workorder_transition",
]
