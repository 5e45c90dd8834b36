"""The figures each module registers for head office (core/figures): F-02 work orders overdue now, V-05 visits
due now, D-07 unsigned duty days, A-02 the monthly score totals, S-06 revenue, cost and margin per item."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.calendar import local
from core.figures.registry import figure_get
from core.figures.services import office_figures_compute
from tests.modules.visits.factories import closed_complaint

pytestmark = pytest.mark.django_db


def _this_month() -> date:
    return local(timezone.now()).date().replace(day=1)


def test_every_module_figure_is_registered():
    for name in ("frontdesk.workorders_overdue", "visits.due_now", "duty.unsigned_days", "assessment.score",
                 "services.revenue", "services.cost", "services.margin"):
        assert figure_get(name) is not None, name


def test_f02_workorders_overdue_now_by_department(world, in_tenant):
    from modules.frontdesk.models import WorkOrder
    from modules.frontdesk.services import workorder_dispatch

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        order = workorder_dispatch(user=staff, department="cleaning", content="楼道积水")
        WorkOrder.objects.filter(pk=order.pk).update(due_at=timezone.now() - timedelta(hours=2))
        rows = dict(office_figures_compute(month=_this_month(), names=["frontdesk.workorders_overdue"])
                    ["frontdesk.workorders_overdue"])
        past = office_figures_compute(month=date(2024, 1, 1), names=["frontdesk.workorders_overdue"])
    assert rows[""] >= 1 and rows["open"] >= rows[""] and rows["department:cleaning"] >= 1
    assert past == {}  # a present state: a past month's pushed value stays as it was


def test_v05_visits_due_now(world, in_tenant):
    with in_tenant(world.alpha):
        closed_complaint(world.users[("alpha", "cs_staff")])
        rows = dict(office_figures_compute(month=_this_month(), names=["visits.due_now"])["visits.due_now"])
    assert rows[""] >= 1 and set(rows) == {"", "overdue", "due_today"}


def test_d07_unsigned_duty_days_of_a_month(world, in_tenant):
    from modules.duty.models import DaySign

    with in_tenant(world.beta):
        DaySign.objects.create(day=date(2025, 2, 3), signed_by_id=1, signed_by_name="值班主任",
                               signed_at=timezone.now())
        rows = dict(office_figures_compute(month=date(2025, 2, 1), names=["duty.unsigned_days"])
                    ["duty.unsigned_days"])
        future = dict(office_figures_compute(month=_this_month() + timedelta(days=40),
                                             names=["duty.unsigned_days"])["duty.unsigned_days"])
    assert rows == {"": 27, "days": 28}
    assert future == {"": 0, "days": 0}


def test_a02_assessment_score_is_an_average_with_its_sum_and_people(world, in_tenant):
    from modules.assessment import services

    leader = world.users[("alpha", "cs_leader")]
    when = timezone.now() - timedelta(minutes=5)
    with in_tenant(world.alpha):
        services.finding_record(user=leader, person_id=world.users[("alpha", "cs_staff")].pk, rule_code="YX-04",
                                occurred_at=when)
        rows = dict(office_figures_compute(month=local(when).date().replace(day=1), names=["assessment.score"])
                    ["assessment.score"])
    assert rows["den"] >= 1
    assert rows[""] == (rows["num"] / rows["den"]).quantize(Decimal("0.01"))
    assert rows["points"] < 0


def test_s06_revenue_cost_margin_per_item(world, in_tenant, monkeypatch):
    from modules.services import selectors

    items = [{"item_id": 7, "revenue": Decimal("300.00"), "cost": Decimal("120.00"), "margin": Decimal("180.00")},
             {"item_id": 9, "revenue": Decimal("50.00"), "cost": Decimal("80.00"), "margin": Decimal("-30.00")}]
    monkeypatch.setattr(selectors, "item_month_figures", lambda *, month: items)
    with in_tenant(world.alpha):
        out = office_figures_compute(month=date(2025, 6, 1), names=["services.revenue", "services.cost",
                                                                    "services.margin"])
    assert dict(out["services.margin"]) == {"": Decimal("150.00"), "item:7": Decimal("180.00"),
                                            "item:9": Decimal("-30.00")}
    assert dict(out["services.revenue"])[""] == Decimal("350.00")
    assert dict(out["services.cost"])["item:9"] == Decimal("80.00")


def test_s06_an_office_without_settled_jobs_pushes_a_zero_margin(world, in_tenant):
    with in_tenant(world.beta):
        out = office_figures_compute(month=date(2025, 6, 1), names=["services.margin"])
    assert out["services.margin"] == [("", Decimal("0.00"))]
