"""Shared set-up for the special-services tests: an approved catalog item offered by an office."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from modules.services.catalog.services import proposal_approve, proposal_submit

SURVEY = {"survey_households": 120, "survey_in_favour": 90, "survey_summary": "九成住户希望开展"}


def approved_item(world, *, office=None, price="80.00", deposit="50.00", offer=True):
    """S-01: proposed by the office manager, approved by the general manager, turned on by the office."""
    office = office or world.alpha
    proposal = proposal_submit(office=office, user=world.users[(office.slug, "office_director")], kind="new_item",
                               name="家政保洁", category="cleaning", unit="hour", standard="两小时内完成",
                               price=price, deposit=deposit, **SURVEY)
    proposal = proposal_approve(proposal_id=proposal.pk, user=world.users[("hq", "hq_gm")])
    if offer:
        from modules.services.services import offer_set

        with tenant_context(office):
            offer_set(item_id=proposal.item_id, active=True, user=world.users[(office.slug, "office_director")])
    return proposal.item


def soon(days: int = 1):
    return timezone.now() + timedelta(days=days)
