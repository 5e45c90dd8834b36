"""Figures head office sees are pushed, never read live (DESIGN.md "Figures head office sees"; C-17, V-04):
an office computes its figures in its own schema and tenants.bridge stores them at head office; head office
reads only modules.hq.models.OfficeFigure, with a fixed number of queries."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from core.figures import registry
from core.figures.services import (
    figures_push_every_office,
    months_back,
    office_figures_compute,
    office_figures_push,
)
from modules.hq.models import OfficeFigure
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _hq_rows(world, **filters):
    with schema_context(world.hq.schema_name):
        return list(OfficeFigure.objects.filter(**filters).order_by("dimension").values_list("dimension", "value"))


def test_months_back_is_bounded_and_oldest_first():
    assert months_back(today=date(2026, 3, 15), count=3) == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert len(months_back(today=date(2026, 3, 15), count=1000)) == 24


def test_rate_rows_keep_numerator_and_denominator():
    assert registry.rate_rows(numerator=3, denominator=4) == [("", Decimal("0.7500")), ("num", Decimal(3)),
                                                              ("den", Decimal(4))]
    assert registry.rate_rows(numerator=0, denominator=0)[0] == ("", None)


def test_c18_received_complaints_pushed_to_hq_by_category(world, in_tenant):
    from django.utils import timezone

    from core.calendar import local

    staff = world.users[("alpha", "cs_staff")]
    month = local(timezone.now()).date().replace(day=1)
    with in_tenant(world.alpha):
        register(staff)
        register(staff)
        office_figures_push(office=world.alpha, months=[month], names=["complaints.received"])
    rows = dict(_hq_rows(world, office_id=world.alpha.pk, figure="complaints.received", period=month))
    assert rows[""] >= Decimal(2)
    assert sum(v for k, v in rows.items() if k.startswith("category:")) == rows[""]


def test_a_push_replaces_the_offices_rows_of_that_figure_and_month(world, in_tenant, monkeypatch):
    month = date(2026, 1, 1)
    values = iter([[("", 5), ("x", 1)], [("", 7)]])
    registry.figure_register(name="test.replaced", label="t", kind=registry.COUNT, compute=lambda s, e: next(values))
    try:
        with in_tenant(world.alpha):
            office_figures_push(office=world.alpha, months=[month], names=["test.replaced"])
            office_figures_push(office=world.alpha, months=[month], names=["test.replaced"])
    finally:
        registry._FIGURES.pop("test.replaced")
    assert _hq_rows(world, office_id=world.alpha.pk, figure="test.replaced") == [("", Decimal("7.0000"))]
    assert connection.schema_name == "public"


def test_a_failing_figure_is_left_out_and_the_others_still_go(world, in_tenant, caplog):
    def broken(start, end):
        raise RuntimeError("broken figure")

    registry.figure_register(name="test.broken", label="t", kind=registry.COUNT, compute=broken)
    try:
        with in_tenant(world.alpha):
            out = office_figures_compute(month=date(2026, 2, 1))
    finally:
        registry._FIGURES.pop("test.broken")
    assert "test.broken" not in out and "complaints.on_time_rate" in out
    assert any("broken figure" in str(r.exc_info) for r in caplog.records)


def test_a_present_state_figure_of_a_past_month_is_left_alone(world, in_tenant):
    with in_tenant(world.alpha):
        out = office_figures_compute(month=date(2020, 1, 1), names=["complaints.open_now"])
    assert out == {}


def test_c17_v04_every_office_pushes_its_rates_and_hq_reads_them_with_group_totals(world, in_tenant):
    from modules.hq.figure_selectors import figure_table

    month = date(2026, 5, 1)
    counts = {world.alpha.schema_name: (3, 4), world.beta.schema_name: (1, 4)}
    registry.figure_register(name="test.rate", label="t", kind=registry.RATE,
                             compute=lambda s, e: registry.rate_rows(*(), numerator=counts[connection.schema_name][0],
                                                                     denominator=counts[connection.schema_name][1]))
    try:
        result = figures_push_every_office(today=date(2026, 5, 20), months=1)
        with schema_context(world.hq.schema_name):
            table = figure_table(name="test.rate", start=month, end=month)
            v04 = figure_table(name="visits.satisfaction_rate", start=month, end=month)
    finally:
        registry._FIGURES.pop("test.rate")
    assert result[world.alpha.schema_name] > 0 and result[world.beta.schema_name] > 0
    assert table["offices"][world.alpha.pk][month] == Decimal("0.7500")
    assert table["offices"][world.beta.pk][month] == Decimal("0.2500")
    assert table["group"][month] == Decimal("0.5000")  # Σ num ÷ Σ den, not the mean of two rates
    assert v04["offices"][world.alpha.pk][month] is None  # nobody answered: no rate, never 0


def test_reading_a_figure_table_costs_the_same_queries_for_any_number_of_offices(world):
    from django.utils import timezone

    from modules.hq.figure_selectors import figure_table

    month = date(2025, 7, 1)
    with schema_context(world.hq.schema_name):
        OfficeFigure.objects.bulk_create([OfficeFigure(office_id=900000 + i, figure="test.count", period=month,
                                                       value=i, computed_at=timezone.now()) for i in range(3)])
        with CaptureQueriesContext(connection) as few:
            figure_table(name="test.count", start=month, end=month)
        OfficeFigure.objects.bulk_create([OfficeFigure(office_id=910000 + i, figure="test.count", period=month,
                                                       value=1, computed_at=timezone.now()) for i in range(300)])
        with CaptureQueriesContext(connection) as many:
            table = figure_table(name="test.count", start=month, end=month)
    assert len(many) == len(few)
    assert table["group"][month] == Decimal(303)


def test_the_task_pushes_one_office_and_ignores_an_unknown_id(world):
    from core.figures.tasks import figures_push_office

    assert figures_push_office(world.beta.pk, 1) > 0
    assert figures_push_office(987654321) == 0
