"""Every write on complaints (DESIGN.md convention 1). Import from here."""

from modules.complaints.services.assisted import complaint_progress_add, complaint_referral_add
from modules.complaints.services.collective import (
    complaint_collective_notify_hq,
    complaint_collective_report_director,
    complaint_link_incident,
    incident_notify_hq,
    incident_report_director,
)
from modules.complaints.services.handling import (
    complaint_assign,
    complaint_category_correct,
    complaint_classify,
    complaint_note,
)
from modules.complaints.services.hq import (
    complaint_escalate,
    complaint_hq_ref_rename,
    complaint_report_result,
    complaint_sync_to_hq,
)
from modules.complaints.services.incident import incident_classify, incident_reply
from modules.complaints.services.online import (
    Throttled,
    complaint_status_lookup,
    complaint_submit_online,
    online_lookup_throttle_check,
    online_throttle_check,
)
from modules.complaints.services.onspot import complaint_handle_on_spot
from modules.complaints.services.register import (
    complaint_hq_instruction_add,
    complaint_number_next,
    complaint_register,
)
from modules.complaints.services.reply import (
    complaint_close,
    complaint_reopen_dissatisfied,
    complaint_reply,
    signature_from_data_url,
)
from modules.complaints.services.spotcheck import complaint_spot_check

__all__ = [
    "Throttled",
    "complaint_assign",
    "complaint_category_correct",
    "complaint_classify",
    "complaint_close",
    "complaint_collective_notify_hq",
    "complaint_collective_report_director",
    "complaint_escalate",
    "complaint_handle_on_spot",
    "complaint_hq_instruction_add",
    "complaint_hq_ref_rename",
    "complaint_link_incident",
    "complaint_note",
    "complaint_number_next",
    "complaint_progress_add",
    "complaint_referral_add",
    "complaint_register",
    "complaint_reopen_dissatisfied",
    "complaint_reply",
    "complaint_report_result",
    "complaint_spot_check",
    "complaint_status_lookup",
    "complaint_submit_online",
    "complaint_sync_to_hq",
    "incident_classify",
    "incident_notify_hq",
    "incident_reply",
    "incident_report_director",
    "online_lookup_throttle_check",
    "online_throttle_check",
    "signature_from_data_url",
]
