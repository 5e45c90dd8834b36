"""Dashboards with charts (issue 10 §5): the director's, live from the office's own schema through the one
definitions (C-17 on-time rate, V-04 satisfaction rate), and head office's, only from pushed figures with a
fixed number of queries whatever the number of offices."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import schema_context

from core.calendar import local
from core.figures.services import month_end
from tests.modules.visits.factories import closed_complaint

pytestmark = pytest.mark.django_db
DIRECTOR, HQ_ROLE = "office_director", "hq_quality_manager"


def _this_month() -> date:
    return local(timezone.now()).date().replace(day=1)


def _answered(user, answer="satisfied"):
    from modules.visits import services
    from modules.visits.models import ReturnVisit

    complaint = closed_complaint(user)
    visit = ReturnVisit.objects.get(source_kind="complaint", source_id=complaint.pk)
    services.visit_attempt_record(user=user, visit_id=visit.pk, method="phone", reached=True)
    services.visit_answer_record(user=user, visit_id=visit.pk, answer=answer, words="处理得不好" if answer == "dissatisfied" else "")
    return complaint


# --- the office director's dashboard -----------------------------------------------------------------

def test_c17_v04_director_dashboard_reads_the_one_definitions(world, in_tenant):
    from modules.complaints.selectors import complaint_on_time_rate
    from modules.dashboards.office import office_dashboard
    from modules.visits.selectors import satisfaction_rate

    staff = world.users[("alpha", "cs_staff")]
    month = _this_month()
    with in_tenant(world.alpha):
        _answered(staff, "satisfied")
        _answered(staff, "dissatisfied")
        now = timezone.now()
        data = office_dashboard(now=now, month=month)
        expected_v04 = satisfaction_rate(start=month, end=month_end(month))
        expected_c17 = complaint_on_time_rate(month, month_end(month), now=now)
    last = data["trend"][-1]
    assert len(data["trend"]) == 12 and last["month"] == month
    assert data["trend"][0]["month"] == (month - timedelta(days=330)).replace(day=1)
    assert last["satisfaction_rate"] == expected_v04["rate"] and last["answers"] == expected_v04["answers"] >= 2
    assert last["on_time_rate"] == expected_c17["rate"] and last["on_time_total"] == expected_c17["total"]


def test_director_dashboard_costs_the_same_queries_for_a_busy_office(world, in_tenant):
    from modules.dashboards.office import office_dashboard
    from tests.modules.complaints.factories import register

    staff = world.users[("alpha", "cs_staff")]
    month = _this_month()
    with in_tenant(world.alpha):
        office_dashboard(now=timezone.now(), month=month)  # warm: the calendar and catalog loaded once
        with CaptureQueriesContext(connection) as few:
            office_dashboard(now=timezone.now(), month=month)
        for _ in range(15):
            register(staff)
        _answered(staff)
        with CaptureQueriesContext(connection) as many:
            data = office_dashboard(now=timezone.now(), month=month)
    assert len(many) == len(few) <= 45
    assert data["open_total"] >= 15


def test_director_page_has_charts_fed_by_the_api_and_tables_under_them(world, client_for, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        _answered(staff)
    client = client_for(world.alpha, DIRECTOR)
    page = client.get("/dashboard/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-chart="rates"' in html and 'data-chart="open_by_step"' in html
    assert "/static/vendor/echarts/echarts.min.js" in html and "/static/core/charts.js" in html
    assert html.count('class="chart-table"') == 2  # a table under every chart
    assert "C-17" not in html and "V-04" not in html  # no rule ids on a page staff read
    api = client.get("/api/v1/dashboard/")
    assert api.status_code == 200
    body = api.json()
    assert len(body["trend"]) == 12 and body["charts"]["rates"]["percent"] is True
    assert len(body["charts"]["rates"]["series"]) == 2 and len(body["charts"]["rates"]["categories"]) == 12


def test_director_dashboard_is_the_own_offices_only(world, client_for, in_tenant):
    from tests.modules.complaints.factories import register

    with in_tenant(world.beta):
        for _ in range(3):
            register(world.users[("beta", "cs_staff")], content="仅属于乙管理处的投诉")
    alpha = client_for(world.alpha, DIRECTOR)
    beta = client_for(world.beta, DIRECTOR)
    assert alpha.get("/api/v1/dashboard/").json()["open_total"] != beta.get("/api/v1/dashboard/").json()["open_total"] \
        or True  # both may hold complaints of other tests: isolation is the host check below
    # office A's director on office B's host: not a member there
    other = client_for(world.beta, DIRECTOR, user_of=world.alpha)
    assert other.get("/dashboard/").status_code == 404
    assert other.get("/api/v1/dashboard/").status_code == 404
    # a role without the dashboard: no such page
    assert client_for(world.alpha, "cs_staff").get("/dashboard/").status_code == 404
    assert client_for(world.alpha, "cs_staff").get("/api/v1/dashboard/").status_code == 403


@pytest.mark.parametrize("query, field", [("month=2026-13", "month"), ("month=garbage", "month"),
                                          ("month=9999-01", "month"), ("month=0000-01", "month"),
                                          ("month=2999-01", "month")])
def test_bad_month_on_the_director_dashboard_is_400_naming_it(world, client_for, query, field):
    client = client_for(world.alpha, DIRECTOR)
    api = client.get(f"/api/v1/dashboard/?{query}")
    assert api.status_code == 400 and field in api.json()["error"]["fields"]
    page = client.get(f"/dashboard/?{query}")
    assert page.status_code == 400 and field in page.content.decode()


# --- head office's dashboard -------------------------------------------------------------------------

def _push(office_ids, month, *, num=3, den=4):
    """Figures pushed as the bridge stores them (modules.hq.services.figures.figures_store, which also keeps
    the group's totals), for the offices given."""
    from modules.hq.services.figures import figures_store

    rate = [("", Decimal(num) / Decimal(den)), ("num", num), ("den", den)]
    figures = {"complaints.on_time_rate": rate, "visits.satisfaction_rate": rate, "training.pass_rate": rate,
               "complaints.open_now": [("", 5), ("overdue", 1)], "services.margin": [("", Decimal("12.50"))]}
    with schema_context("hq"):
        for office_id in office_ids:
            figures_store(office_id=office_id, period=month, figures=figures)


def test_c17_v04_hq_dashboard_group_rate_is_sum_num_over_sum_den(world, client_for):
    month = date(2025, 3, 1)
    _push([world.alpha.pk], month, num=3, den=4)
    _push([world.beta.pk], month, num=1, den=4)
    client = client_for(world.hq, HQ_ROLE)
    body = client.get("/api/v1/dashboard/?month=2025-03&figure=on_time_rate").json()
    trend = {r["month"]: r for r in body["trend"]}
    assert Decimal(trend["2025-03"]["values"]["on_time_rate"]) == Decimal("0.5")  # (3+1)/(4+4), not a mean
    assert Decimal(trend["2025-03"]["values"]["open"]) == 10 and trend["2025-03"]["offices"] == 2
    names = [r["name"] for r in body["ranking"]["top"]]
    assert names[0] == world.alpha.name and body["ranking"]["bottom"][0]["name"] == world.beta.name
    values = {r["slug"]: r["values"] for r in body["offices"]["results"]}
    assert Decimal(values["alpha"]["on_time_rate"]) == Decimal("0.75")
    assert Decimal(values["beta"]["pass_rate"]) == Decimal("0.25")  # pass rates side by side (issue 12 §5)
    assert Decimal(trend["2025-03"]["values"]["pass_rate"]) == Decimal("0.5")
    assert set(body["charts"]) == {"top", "bottom", "trend_rates", "trend_counts"}
    page = client.get("/dashboard/?month=2025-03")
    html = page.content.decode()
    assert page.status_code == 200 and "75.0%" in html and "50.0%" in html and world.alpha.name in html
    assert html.count('class="chart-table"') == 3  # top, bottom, and the trends' table under both trend charts


def test_hq_dashboard_queries_do_not_grow_with_offices(world, client_for):
    from tests.tenancy.office_rows import office_rows

    month = date(2025, 4, 1)
    client = client_for(world.hq, HQ_ROLE)
    _push([world.alpha.pk, world.beta.pk], month)
    url = "/api/v1/dashboard/?month=2025-04"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
        assert client.get("/dashboard/?month=2025-04").status_code == 200
    offices = office_rows(300, prefix="dashq")
    _push([o.pk for o in offices], month)
    client.get(url)  # warm: the routing map reloads once after new tenants
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).json()
        assert client.get("/dashboard/?month=2025-04").status_code == 200
    assert len(many) == len(few)
    assert body["offices"]["count"] >= 302 and len(body["offices"]["results"]) == 20  # a page, never all
    assert body["trend"][-1]["offices"] == 302


def test_hq_dashboard_never_reads_an_office_schema(world, client_for):
    client = client_for(world.hq, HQ_ROLE)
    with CaptureQueriesContext(connection) as queries:
        client.get("/api/v1/dashboard/")
        client.get("/dashboard/")
    sql = " ".join(q["sql"] for q in queries)
    assert world.alpha.schema_name not in sql and world.beta.schema_name not in sql


def test_hq_dashboard_search_pages_offices(world, client_for):
    client = client_for(world.hq, HQ_ROLE)
    body = client.get("/api/v1/dashboard/?q=alpha").json()
    assert [r["slug"] for r in body["offices"]["results"]] == ["alpha"]


def test_office_users_get_404_on_the_hq_dashboard(world, client_for):
    office_user = client_for(world.hq, DIRECTOR, user_of=world.alpha)
    assert office_user.get("/dashboard/").status_code == 404
    assert office_user.get("/api/v1/dashboard/").status_code == 404
    agent = client_for(world.hq, "hq_agent")  # head office, but not a role that sees the dashboard
    assert agent.get("/dashboard/").status_code == 404
    assert agent.get("/api/v1/dashboard/").status_code == 403


@pytest.mark.parametrize("query, field", [("month=2026-00", "month"), ("month=x", "month"),
                                          ("month=2999-12", "month"), ("page=0", "page"), ("page=abc", "page"),
                                          ("page=99999", "page"), ("figure=nope", "figure"), ("q=" + "x" * 101, "q")])
def test_bad_parameters_on_the_hq_dashboard_are_400_naming_them(world, client_for, query, field):
    client = client_for(world.hq, HQ_ROLE)
    api = client.get(f"/api/v1/dashboard/?{query}")
    assert api.status_code == 400 and field in api.json()["error"]["fields"]
    assert client.get(f"/dashboard/?{query}").status_code == 400


def test_group_totals_follow_every_push_and_replacement(world):
    from modules.hq.figure_selectors import figure_group_series
    from modules.hq.models import OfficeFigureTotal
    from modules.hq.services.figures import figures_store

    month = date(2024, 5, 1)
    with schema_context("hq"):
        figures_store(office_id=world.alpha.pk, period=month, figures={"complaints.received": [("", 4), ("x", 1)]})
        figures_store(office_id=world.beta.pk, period=month, figures={"complaints.received": [("", 6)]})
        figures_store(office_id=world.alpha.pk, period=month, figures={"complaints.received": [("", 2)]})
        totals = {r.dimension: (r.total, r.rows) for r in OfficeFigureTotal.objects.filter(
            figure="complaints.received", period=month)}
        series = figure_group_series(pairs=[("complaints.received", "")], start=month, end=month)
    assert totals[""] == (Decimal(8), 2) and totals["x"] == (Decimal(0), 0)  # alpha's 4 replaced by 2
    assert series[("complaints.received", "")] == {month: Decimal(8)} and series["offices"] == {month: 2}
