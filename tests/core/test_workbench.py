"""The workbench 工作台 on every home page (issue 9 §2): the card registry, the office, director,
head-office and group cards, each number a link to the filtered list behind it, a constant query count,
and isolation (an office's workbench never shows another office's items, R-04)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.calendar import local
from core.workbench import WorkbenchCard, workbench_card_register, workbench_cards
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _complaint(world, office, *, assignee_role="cs_staff", **overrides):
    from modules.complaints import services

    staff = world.users[(office.slug, "cs_staff")]
    complaint = register(staff, **overrides)
    if assignee_role:
        services.complaint_assign(user=staff, complaint_id=complaint.pk,
                                  assignee_id=world.users[(office.slug, assignee_role)].pk)
    return complaint


def _workorder(world, office, department="engineering"):
    from modules.frontdesk.services import workorder_dispatch

    return workorder_dispatch(user=world.users[(office.slug, "cs_staff")], department=department,
                              content="电梯异响", location="2栋")


def _missed_call(world, office, phone="13800138001"):
    from modules.frontdesk.services import missed_call_record

    return missed_call_record(user=world.users[(office.slug, "cs_staff")], phone=phone)


def _part(html: str, start: str, end: str) -> str:
    """The part of a page from `start` to the next `end`: numbers repeat in the notices aside."""
    begin = html.index(start)
    return html[begin:html.index(end, begin)]


def _queue(client, url: str) -> str:
    return _part(client.get(url).content.decode(), '<table class="queue">', "</table>")


def _home(client, url="/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- the registry ---------------------------------------------------------------------------------

def test_a_module_adds_a_card_without_editing_core():
    """The extension point later modules (visits due) use: register in AppConfig.ready()."""
    card = WorkbenchCard(key="test.visits_due", tenant_type="office", perm="complaints.view",
                         template="core/_workbench.html", build=lambda request, now: {"n": 1}, order=1)
    workbench_card_register(card)
    try:
        assert workbench_cards(tenant_type="office", role="cs_staff")[0] is card
        assert card not in workbench_cards(tenant_type="office", role="engineering")  # no permission
        assert card not in workbench_cards(tenant_type="hq", role="hq_agent")
    finally:
        from core import workbench

        workbench._CARDS.pop("test.visits_due")


def test_a_card_naming_an_unknown_permission_is_refused_at_registration():
    with pytest.raises(KeyError):
        workbench_card_register(WorkbenchCard(key="test.bad", tenant_type="office", perm="no.such",
                                              template="x.html", build=lambda request, now: {}))


def test_every_role_gets_the_cards_of_its_permissions():
    office = {c.key for c in workbench_cards(tenant_type="office", role="office_director")}
    assert {"complaints.mine", "complaints.figures", "frontdesk.workorders", "frontdesk.missed_calls",
            "duty.today"} <= office
    assert {c.key for c in workbench_cards(tenant_type="office", role="cs_staff")} == office - {
        "complaints.figures", "assessment.supervisor", "assessment.director", "reports.monthly"}
    assert {c.key for c in workbench_cards(tenant_type="office", role="engineering")} == {"frontdesk.workorders"}
    assert {c.key for c in workbench_cards(tenant_type="hq", role="hq_gm")} == {"hq.center", "surveys.hq"}  # V-03
    assert {c.key for c in workbench_cards(tenant_type="public", role="group_admin")} == {
        "catalog.offices", "catalog.settings"}


# --- the office workbench -------------------------------------------------------------------------

def test_office_home_lists_my_open_complaints_with_countdown_C17(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        mine = _complaint(world, world.alpha)
        other = _complaint(world, world.alpha, assignee_role="cs_leader")
    html = _home(client_for(world.alpha, "cs_staff"))
    card = _part(html, 'id="wb-complaints"', "</section>")
    assert mine.number in card and other.number not in card
    assert 'class="countdown' in html and "data-due=" in html and "/static/core/countdown.js" in html
    assert 'href="/complaints/?mine=1"' in html and 'href="/complaints/?mine=1&amp;overdue=1"' in html
    assert "工作台" in html


def test_office_workbench_never_shows_another_offices_items_R04(world, client_for, in_tenant):
    """Numbers repeat between offices (each counts its own), so beta's rows carry a due time and a phone
    alpha's never have."""
    from datetime import datetime

    from core.calendar import SHANGHAI
    from modules.complaints.models import Complaint
    from modules.frontdesk.models import WorkOrder

    marker = datetime(2031, 1, 2, 3, 4, tzinfo=SHANGHAI)
    with in_tenant(world.beta):
        theirs = _complaint(world, world.beta)
        Complaint.objects.filter(pk=theirs.pk).update(due_at=marker)
        WorkOrder.objects.filter(pk=_workorder(world, world.beta).pk).update(due_at=marker)
        _missed_call(world, world.beta, phone="13911112222")
    with in_tenant(world.alpha):
        _complaint(world, world.alpha)
        _workorder(world, world.alpha)
    html = _home(client_for(world.alpha, "cs_staff"))
    assert html.count('class="countdown') >= 2
    assert "2031-01-02 03:04" not in html and "13911112222" not in html
    client = client_for(world.alpha, "cs_staff")
    for url in ("/complaints/?mine=1", "/complaints/?overdue=1", "/frontdesk/workorders/?open=1",
                "/frontdesk/calls/"):
        page = client.get(url).content.decode()
        assert "2031-01-02 03:04" not in page and "01-02 03:04" not in page and "13911112222" not in page
    # beta's own workbench shows them, and an alpha user has no home on beta's host at all
    assert "2031-01-02 03:04" in _home(client_for(world.beta, "cs_staff"))
    assert client_for(world.beta, "cs_staff", user_of=world.alpha).get("/").status_code == 404


def test_figures_equal_the_lists_they_link_to_C17(world, client_for, in_tenant):
    from modules.complaints.models import Complaint

    now = timezone.now()
    with in_tenant(world.alpha):
        late = _complaint(world, world.alpha)
        Complaint.objects.filter(pk=late.pk).update(due_at=now - timedelta(hours=1))
        today = _complaint(world, world.alpha)
        end_of_day = timezone.make_aware(timezone.datetime.combine(local(now).date(), timezone.datetime.max.time()))
        Complaint.objects.filter(pk=today.pk).update(due_at=max(now + timedelta(minutes=1), end_of_day - timedelta(minutes=1)))
        later = _complaint(world, world.alpha)
        Complaint.objects.filter(pk=later.pk).update(due_at=now + timedelta(days=3))
    client = client_for(world.alpha, "cs_staff")
    html = _home(client)
    assert "<strong>3</strong>" in html  # mine open
    overdue = _queue(client, "/complaints/?mine=1&overdue=1")
    assert late.number in overdue and later.number not in overdue
    due_today = _queue(client, "/complaints/?mine=1&due_today=1")
    assert today.number in due_today and later.number not in due_today
    # someone else's "mine" is empty
    assert late.number not in _queue(client_for(world.alpha, "cs_leader"), "/complaints/?mine=1")


def test_workorder_card_follows_the_department_queue_F02(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        ours = _workorder(world, world.alpha, "engineering")
        cleaning = _workorder(world, world.alpha, "cleaning")
    engineer = _home(client_for(world.alpha, "engineering"))
    assert ours.number in engineer and cleaning.number not in engineer
    assert 'id="wb-complaints"' not in engineer  # no complaint permission, no complaint card
    front = _home(client_for(world.alpha, "cs_staff"))
    assert ours.number in front and cleaning.number in front
    listing = client_for(world.alpha, "cs_staff").get("/frontdesk/workorders/?today=1")
    assert listing.status_code == 200


def test_workorder_list_filters_due_today_F02(world, client_for, in_tenant):
    from modules.frontdesk.models import WorkOrder

    with in_tenant(world.alpha):
        later = _workorder(world, world.alpha)
        WorkOrder.objects.filter(pk=later.pk).update(due_at=timezone.now() + timedelta(days=3))
    html = client_for(world.alpha, "cs_staff").get("/frontdesk/workorders/?today=1").content.decode()
    assert later.number not in html
    assert later.number in client_for(world.alpha, "cs_staff").get("/frontdesk/workorders/?open=1").content.decode()


def test_missed_calls_not_called_back_are_counted_F03(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        _missed_call(world, world.alpha, phone="13811112222")
    html = _home(client_for(world.alpha, "cs_staff"))
    assert 'id="wb-calls"' in html and "13811112222" in html and 'href="/frontdesk/calls/"' in html


def test_duty_card_shows_todays_roster_and_next_handover_D01_D05(world, client_for, in_tenant):
    from modules.duty.models import Assignment, ShiftTemplate

    today = local(timezone.now()).date()
    with in_tenant(world.alpha):
        shift = ShiftTemplate.objects.filter(is_active=True).first()
        user = world.users[("alpha", "duty_officer")]
        Assignment.objects.create(date=today, shift=shift, user_id=user.pk, user_name="值班王五")
    html = _home(client_for(world.alpha, "duty_officer"))
    assert 'id="wb-duty"' in html and "值班王五" in html and shift.name in html
    assert "下次交班" in html


# --- the director's figures -----------------------------------------------------------------------

def test_director_sees_the_month_and_the_month_before_with_a_switcher_C17(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        _complaint(world, world.alpha)
    client = client_for(world.alpha, "office_director")
    this_month = local(timezone.now()).date().replace(day=1)
    before = (this_month - timedelta(days=1)).replace(day=1)
    html = _home(client)
    assert 'id="wb-figures"' in html and f"{this_month:%Y-%m}" in html and f"{before:%Y-%m}" in html
    assert f'href="/complaints/?month={this_month:%Y-%m}&amp;step=classify"' in html
    assert f'href="/complaints/?deadline_month={this_month:%Y-%m}&amp;late=1"' in html
    chosen = _home(client, "/?month=2026-03")
    assert "<h3>2026-03</h3>" in chosen and "<h3>2026-02</h3>" in chosen
    assert 'id="wb-figures"' not in _home(client_for(world.alpha, "cs_staff"))


@pytest.mark.parametrize("month", ["2999-01", "9999-12", "1900-01", "2026-13", "abc", "2026-1", "\u00002026-01"])
def test_month_switcher_is_bounded(world, client_for, month):
    """A month in the future shows this month; a bad or out-of-range one is ignored, never a 500."""
    response = client_for(world.alpha, "office_director").get("/", {"month": month})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        this_month = local(timezone.now()).date().replace(day=1)
        assert f"<h3>{this_month:%Y-%m}</h3>" in response.content.decode()


def test_queue_lists_behind_the_figures_C17(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        complaint = _complaint(world, world.alpha)
    this_month = local(timezone.now()).date().replace(day=1)
    client = client_for(world.alpha, "office_director")
    assert complaint.number in _queue(client, f"/complaints/?month={this_month:%Y-%m}&step=classify")
    assert complaint.number not in _queue(client, "/complaints/?month=2001-01&step=classify")
    assert client.get(f"/complaints/?deadline_month={this_month:%Y-%m}&late=1").status_code == 200
    for bad in ("month=9999-99", "deadline_month=x", "late=7", "step=nope"):
        assert client.get(f"/complaints/?{bad}").status_code == 200  # an invalid filter is ignored


# --- head office and the group --------------------------------------------------------------------

def test_hq_home_counts_come_from_hq_tables_and_link_to_filtered_lists_C16(world, client_for):
    from tests.modules.hq.factories import escalate

    escalate(world, world.alpha)
    html = _home(client_for(world.hq, "hq_agent"))
    assert 'id="wb-inbox"' in html and 'id="wb-results"' in html and 'id="wb-offices-overdue"' in html
    assert 'href="/center/?open_only=yes&amp;assigned=no"' in html
    assert 'href="/center/complaints/?awaiting=yes&amp;overdue=yes"' in html
    client = client_for(world.hq, "hq_agent")
    assert client.get("/center/?open_only=yes&assigned=no").status_code == 200
    assert client.get("/center/complaints/?awaiting=yes&due_today=yes").status_code == 200


def test_hq_offices_with_overdue_cases_link_to_the_inbox_C17(world, client_for):
    from django_tenants.utils import schema_context

    from modules.hq.models import HqCase
    from tests.modules.hq.factories import escalate

    case_id, _ = escalate(world, world.alpha)
    with schema_context(world.hq.schema_name):
        HqCase.objects.filter(pk=case_id).update(overdue=True)
    html = _home(client_for(world.hq, "hq_gm"))
    assert world.alpha.name in html and 'href="/center/?office=alpha&amp;overdue=yes"' in html


def test_group_home_lists_offices_with_people_and_upcoming_settings_R03_S08(world, client_for):
    from modules.catalog.services import setting_set

    setting_set(key="complaint.urgent_reply_hours", value=3, note="试行",
                effective_from=timezone.now() + timedelta(days=10), user=world.users[("public", "group_admin")])
    html = _home(client_for(world.public, "group_admin"))
    assert 'id="wb-offices"' in html and world.alpha.name in html and 'href="/admin/offices/?q=alpha"' in html
    assert 'id="wb-settings"' in html and "紧急投诉回复时限（小时）" in html


# --- query counts ---------------------------------------------------------------------------------

def _queries(client) -> int:
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


def _office_rows(world, in_tenant, count: int, first: int = 0) -> None:
    from modules.duty.models import Assignment, ShiftTemplate

    today = local(timezone.now()).date()
    with in_tenant(world.alpha):
        shift = ShiftTemplate.objects.filter(is_active=True).first()
        for n in range(first, first + count):
            _complaint(world, world.alpha, assignee_role="office_director")
            _workorder(world, world.alpha)
            _missed_call(world, world.alpha, phone=f"138{n:08d}")
            Assignment.objects.create(date=today, shift=shift, user_id=10_000 + n, user_name=f"排班{n}")


def test_office_home_query_count_is_constant_1_vs_30_rows(world, client_for, in_tenant,
                                                          django_assert_max_num_queries):
    client = client_for(world.alpha, "office_director")
    _office_rows(world, in_tenant, 1)
    few = _queries(client)
    _office_rows(world, in_tenant, 29, first=1)
    client.get("/")
    with django_assert_max_num_queries(few):
        assert client.get("/").status_code == 200


def test_hq_home_query_count_is_constant_1_vs_30_rows(world, client_for, django_assert_max_num_queries):
    from django_tenants.utils import schema_context

    from modules.hq.models import HqCase
    from tests.modules.hq.factories import escalate, hq_complaint

    def rows(count):
        for _ in range(count):
            case_id, _ = escalate(world, world.alpha)
            hq_complaint(world)
            with schema_context(world.hq.schema_name):
                HqCase.objects.filter(pk=case_id).update(overdue=True)

    client = client_for(world.hq, "hq_quality_manager")
    rows(1)
    few = _queries(client)
    rows(29)
    client.get("/")
    with django_assert_max_num_queries(few):
        assert client.get("/").status_code == 200


def test_group_home_query_count_is_constant_1_vs_30_rows(world, client_for, django_assert_max_num_queries):
    from modules.catalog.services import setting_set

    admin = world.users[("public", "group_admin")]

    def rows(count, start):
        for n in range(count):
            setting_set(key="complaint.urgent_reply_hours", value=3 + n, note="",
                        effective_from=timezone.now() + timedelta(days=start + n + 1), user=admin)

    client = client_for(world.public, "group_admin")
    rows(1, 0)
    few = _queries(client)
    rows(29, 10)
    client.get("/")
    with django_assert_max_num_queries(few):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize(("host", "owner", "role"), [
    ("hq", "alpha", "office_director"), ("public", "alpha", "office_director"), ("alpha", "hq", "hq_gm"),
    ("public", "hq", "hq_gm"), ("hq", "public", "group_admin"), ("alpha", "public", "group_admin"),
])
def test_no_workbench_or_filtered_list_on_a_host_of_another_tenant_R04(world, client_for, host, owner, role):
    client = client_for(getattr(world, host), role, user_of=getattr(world, owner))
    urls = {"hq": ["/", "/center/?open_only=yes&assigned=no", "/center/complaints/?awaiting=yes"],
            "public": ["/"], "alpha": ["/", "/complaints/?mine=1", "/frontdesk/workorders/?today=1"]}[host]
    for url in urls:
        assert client.get(url).status_code == 404, url
