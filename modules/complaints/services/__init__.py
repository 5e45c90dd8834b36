"""Every write on complaints (DESIGN.md convention 1). Import from here."""

from modules.complaints.services.hq import complaint_sync_to_hq
from modules.complaints.services.register import (
    complaint_hq_instruction_add,
    complaint_number_next,
    complaint_register,
)

__all__ = [
    "complaint_hq_instruction_add",
    "complaint_number_next",
    "complaint_register",
    "complaint_sync_to_hq",
]
