"""Writes of the head-office complaint center (hq schema). Cases arrive only through tenants/bridge.py."""

from modules.hq.services.cases import (
    case_assign_record,
    case_instruction_record,
    case_notify_agents,
    case_notify_assignee,
    case_notify_deputy_gm,
    case_receive,
    case_sync,
)
from modules.hq.services.complaints import (
    hq_complaint_by_ref,
    hq_complaint_follow_up,
    hq_complaint_forward_check,
    hq_complaint_forwarded_record,
    hq_complaint_office_fields,
    hq_complaint_office_update,
    hq_complaint_register,
    hq_complaint_result_record,
)

__all__ = [
    "case_assign_record", "case_instruction_record", "case_notify_agents", "case_notify_assignee", "case_notify_deputy_gm", "case_receive", "case_sync",
    "hq_complaint_by_ref", "hq_complaint_follow_up", "hq_complaint_forward_check", "hq_complaint_forwarded_record",
    "hq_complaint_office_fields", "hq_complaint_office_update", "hq_complaint_register",
    "hq_complaint_result_record",
]
