"""Shared set-up for the special-services tests: an approved catalog item offered by an office."""

from __future__ import annotations

import base64
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


SIGNATURE = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40).decode()


def agreement_signed(world, item, *, office=None, days: int = 30, deposit: str | None = None):
    """S-03: an agreement drawn up today for `days`, its deposit taken by the cashier (if given), signed.
    Call inside the office's tenant_context."""
    from modules.services import agreements as a
    from modules.services.catalog.selectors import local_day

    office = office or world.alpha
    today = local_day()
    agreement = a.agreement_create(user=world.users[(office.slug, "cs_staff")], item_id=item.pk, name="周女士",
                                   phone="13800000021", address="2-201", frequency="monthly", starts_on=today,
                                   ends_on=today + timedelta(days=days))
    if deposit:
        a.agreement_deposit(agreement_id=agreement.pk, user=world.users[(office.slug, "cashier")], role="cashier",
                            amount=deposit, receipt_no="YJ-1")
    return a.agreement_sign(agreement_id=agreement.pk, user=world.users[(office.slug, "cs_staff")],
                            signature_data_url=SIGNATURE)


def agreement_ended(world, item, *, office=None, deposit: str = "50.00"):
    """An agreement whose deposit is held and which the supervisor has ended (inside the tenant_context)."""
    from modules.services import agreements as a

    office = office or world.alpha
    agreement = agreement_signed(world, item, office=office, deposit=deposit)
    return a.agreement_close(agreement_id=agreement.pk, user=world.users[(office.slug, "cs_supervisor")],
                             action="end")
