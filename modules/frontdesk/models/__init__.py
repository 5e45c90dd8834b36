"""Front desk and operations 运营中心 (F-01..F-06, M-01). Office schema.

One model module per noun; every state change writes an `Event` row (DESIGN.md convention 2)."""

from modules.frontdesk.models.common import Event
from modules.frontdesk.models.custody import CustodyIncident, CustodyItem
from modules.frontdesk.models.desk import Contact, MissedCall, Visitor
from modules.frontdesk.models.inspections import InspectionFinding, InspectionRound
from modules.frontdesk.models.notices import Notice
from modules.frontdesk.models.work import WorkOrder

__all__ = ["Contact", "CustodyIncident", "CustodyItem", "Event", "InspectionFinding", "InspectionRound", "MissedCall", "Notice", "Visitor",
           "WorkOrder"]
