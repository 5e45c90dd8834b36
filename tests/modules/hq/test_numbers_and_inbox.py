"""Head office's own numbers (C-16: ZB-…, shown at the office too) and the inbox with one row per matter
(issue 9 §3 defect 15)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tenants.utils import schema_context

from tenants import bridge
from tests.modules.hq.factories import escalate, hq_complaint, office_complaint

pytestmark = pytest.mark.django_db

ZB = re.compile(r"^ZB-(\d{4})-(\d{6})$")


def url(name, *args):
    return reverse(f"hq:{name}", args=args, urlconf="core.urls.hq")


def _forward(world, office, **overrides):
    item = hq_complaint(world, **overrides)
    with schema_context(world.hq.schema_name):
        bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=office,
                                              by_user=world.users[("hq", "hq_agent")])
    return item


def _office_copy(office, item):
    from modules.complaints.models import Complaint

    with schema_context(office.schema_name):
        return Complaint.objects.get(hq_ref__in=[item.number, f"HQ-{item.pk}"])


# --- numbers -----------------------------------------------------------------------------------------
def test_hq_complaints_numbered_zb_year_in_sequence_C16(world):
    first, second = hq_complaint(world), hq_complaint(world)
    a, b = ZB.match(first.number), ZB.match(second.number)
    assert a and b and a[1] == b[1]
    assert int(b[2]) == int(a[2]) + 1


def test_hq_number_comes_from_the_years_counter_not_the_row_id_C16(world):
    """Allocated from the locked per-year counter (one UPDATE … RETURNING), so two registrations at once
    never share a number and ids never leak into it."""
    from modules.hq.models import HqComplaintCounter
    from modules.hq.services.complaints import hq_complaint_number_next

    with schema_context(world.hq.schema_name):
        HqComplaintCounter.objects.update_or_create(year=2031, defaults={"last": 41})
        assert hq_complaint_number_next(year=2031) == "ZB-2031-000042"
        assert hq_complaint_number_next(year=2031) == "ZB-2031-000043"
        assert hq_complaint_number_next(year=2032) == "ZB-2032-000001"


def test_forwarded_complaint_shows_hq_number_at_the_office_C16(world, client_for):
    item = _forward(world, world.beta)
    copy = _office_copy(world.beta, item)
    assert copy.hq_ref == item.number and ZB.match(copy.hq_ref)
    page = client_for(world.beta, "cs_staff").get(f"/complaints/{copy.pk}/").content.decode()
    assert item.number in page and f"HQ-{item.pk}" not in page
    api = client_for(world.beta, "cs_staff").get(f"/api/v1/complaints/{copy.pk}/").json()
    assert api["hq_ref"] == item.number
    hq_api = client_for(world.hq, "hq_agent").get(f"/api/v1/center/complaints/{item.pk}/").json()
    assert hq_api["number"] == hq_api["hq_ref"] == item.number


def test_legacy_hq_ref_still_matches_and_is_renamed_on_sync_C16(world):
    """An office copy forwarded before the numbering carries "HQ-<id>": the result still reaches head
    office, and the next sync renames the copy to head office's number."""
    from modules.complaints.models import Complaint
    from modules.complaints.selectors import complaint_snapshot

    item = _forward(world, world.alpha)
    copy = _office_copy(world.alpha, item)
    with schema_context(world.alpha.schema_name):
        Complaint.objects.filter(pk=copy.pk).update(hq_ref=f"HQ-{item.pk}")
        snapshot = complaint_snapshot(Complaint.objects.get(pk=copy.pk))
        bridge.complaint_sync_to_hq(office=world.alpha, snapshot=snapshot)
        assert Complaint.objects.get(pk=copy.pk).hq_ref == item.number


def test_hq_refs_renumber_command_renames_old_office_copies_C16(world):
    from django.core.management import call_command

    from modules.complaints.models import Complaint

    item = _forward(world, world.beta)
    copy = _office_copy(world.beta, item)
    with schema_context(world.beta.schema_name):
        Complaint.objects.filter(pk=copy.pk).update(hq_ref=f"HQ-{item.pk}")
    call_command("hq_refs_renumber", stdout=open("/dev/null", "w"))
    with schema_context(world.beta.schema_name):
        assert Complaint.objects.get(pk=copy.pk).hq_ref == item.number
    assert bridge.hq_refs_renumber() == 0  # idempotent


def test_migration_numbers_existing_rows_in_id_order_C16(world):
    import importlib

    from django.apps import apps

    from modules.hq.models import HqComplaint, HqComplaintCounter

    migration = importlib.import_module("modules.hq.migrations.0006_hq_complaint_numbers")
    first, second = hq_complaint(world), hq_complaint(world)
    with schema_context(world.hq.schema_name):
        for row in HqComplaint.objects.all():  # as numbered before: from the row id
            HqComplaint.objects.filter(pk=row.pk).update(number=f"OLD-{row.pk}")
        HqComplaintCounter.objects.all().delete()
        migration.number_existing(apps, None)
        numbers = list(HqComplaint.objects.order_by("id").values_list("number", flat=True))
        year = ZB.match(HqComplaint.objects.get(pk=first.pk).number)[1]
        assert numbers == [f"ZB-{year}-{n:06d}" for n in range(1, len(numbers) + 1)]
        assert HqComplaint.objects.get(pk=second.pk).number > HqComplaint.objects.get(pk=first.pk).number
        assert HqComplaintCounter.objects.get(year=int(year)).last == len(numbers)


# --- inbox: one row per matter -------------------------------------------------------------------------
def _escalate_snapshot(office, snapshot, reason="管理处无法解决"):
    with schema_context(office.schema_name):
        return bridge.complaint_escalate_to_hq(office=office, snapshot=snapshot, reason=reason,
                                               by_name=f"{office.slug}主任")


def _inbox(client, **params):
    return client.get(url("inbox"), params)


def test_inbox_one_row_per_case_with_every_office_it_touched(world, client_for):
    """A head-office complaint that reached two offices and was escalated by each: one row, both offices,
    head office's number first."""
    item = _forward(world, world.alpha, content="两个小区交界道路积水")
    alpha_copy = _office_copy(world.alpha, item)
    from modules.complaints.models import Complaint
    from modules.complaints.selectors import complaint_snapshot

    with schema_context(world.alpha.schema_name):
        alpha_case = _escalate_snapshot(world.alpha, complaint_snapshot(Complaint.objects.get(pk=alpha_copy.pk)))
    _, beta_snapshot = office_complaint(world, world.beta, hq_ref=item.number, content="两个小区交界道路积水")
    beta_case = _escalate_snapshot(world.beta, beta_snapshot)
    response = _inbox(client_for(world.hq, "hq_agent"))
    rows = [r for r in response.context["rows"] if r["case_key"] == f"hq:{item.pk}"]
    assert len(rows) == 1
    assert rows[0]["escalations"] == 2 and rows[0]["case"].pk == beta_case
    assert set(rows[0]["offices"]) == {world.alpha.name, world.beta.name}
    page = response.content.decode()
    table = page[page.index('id="cases"'):page.index("</table>", page.index('id="cases"'))]
    assert table.count(item.number) == 1 and url("case", alpha_case) not in table
    case_page = client_for(world.hq, "hq_agent").get(url("case", beta_case)).content.decode()
    assert item.number in case_page and url("case", alpha_case) in case_page  # the other escalation


def test_inbox_one_row_per_collective_incident_C10(world, client_for):
    ids = []
    for n in range(3):
        _, snapshot = office_complaint(world, world.alpha, content=f"车库积水 {n}")
        snapshot.update(incident_id=987654, collective=True)
        ids.append(_escalate_snapshot(world.alpha, snapshot, reason="集体投诉"))
    rows = [r for r in _inbox(client_for(world.hq, "hq_agent")).context["rows"]
            if r["case_key"] == f"incident:{world.alpha.pk}:987654"]
    assert len(rows) == 1 and rows[0]["escalations"] == 3 and rows[0]["any_collective"]


def test_separate_cases_of_separate_offices_stay_separate_rows(world, client_for):
    alpha_case, _ = escalate(world, world.alpha, content="同样的内容")
    beta_case, _ = escalate(world, world.beta, content="同样的内容")
    rows = _inbox(client_for(world.hq, "hq_agent")).context["rows"]
    leads = {r["case"].pk for r in rows}
    assert {alpha_case, beta_case} <= leads


def test_workbench_counts_count_matters_as_the_inbox_shows_them(world):
    from django.utils import timezone

    from modules.hq import selectors

    with schema_context(world.hq.schema_name):
        before = selectors.case_inbox_counts(now=timezone.now())["new"]
    for n in range(2):
        _, snapshot = office_complaint(world, world.beta, content=f"同一事件 {n}")
        snapshot["incident_id"] = 55501
        _escalate_snapshot(world.beta, snapshot)
    with schema_context(world.hq.schema_name):
        after = selectors.case_inbox_counts(now=timezone.now())["new"]
        assert after - before == 1
        groups = selectors.case_groups(selectors.case_list(open_only="yes", assigned="no"))
        assert groups.count() == after


def _inbox_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert _inbox(client).status_code == 200
    # the schema switch back to hq after the test wrote in an office is the router's, not the page's
    return len([q for q in queries.captured_queries if not q["sql"].startswith("SET search_path")])


def test_inbox_query_count_constant_in_rows_and_offices(world, client_for):
    client = client_for(world.hq, "hq_agent")
    escalate(world, world.alpha)
    _inbox_queries(client)  # warm the caches (routing, session)
    few = _inbox_queries(client)
    for office in (world.alpha, world.beta, world.alpha, world.beta):
        escalate(world, office)
    item = _forward(world, world.alpha)
    _, snapshot = office_complaint(world, world.beta, hq_ref=item.number)
    _escalate_snapshot(world.beta, snapshot)
    assert _inbox_queries(client) == few


def test_inbox_isolation_office_users_get_404(world, client_for):
    case_id, _ = escalate(world, world.alpha)
    assert client_for(world.hq, "hq_agent").get(url("case", case_id)).status_code == 200
    office_director = client_for(world.hq, "office_director", user_of=world.alpha)  # no hq membership
    assert office_director.get(url("inbox")).status_code == 404
    assert office_director.get(url("case", case_id)).status_code == 404
