"""D-01: the printable monthly roster (?print=1) — the month grid with every assignment in its day and
shift cell, without the editing controls."""

import re

import pytest
from django.urls import reverse

from tests.modules.duty.duty_kit import FUTURE, assign

pytestmark = pytest.mark.django_db


def _cells(html: str) -> dict:
    """{(row date label, column index): cell text} of the roster table."""
    table = html.split('class="roster', 1)[1].split("</table>", 1)[0]
    grid = {}
    for row in re.findall(r"<tr><td>(.*?)</tr>", table, flags=re.S):
        label, *cells = re.split(r"</td><td>", row)
        for index, cell in enumerate(cells):
            grid[(label.strip(), index)] = re.sub(r"<[^>]+>", " ", cell)
    return grid


def test_printable_roster_holds_the_month_assignments_D01(world, client_for, in_tenant):
    from modules.duty.selectors import roster_month

    with in_tenant(world.alpha):
        day_line = assign(world, "duty_officer", "day", FUTURE)
        night_line = assign(world, "cs_staff", "night", FUTURE.replace(day=20))
        columns = [s.code for s in roster_month(month=FUTURE)["shifts"]]
    url = reverse("duty:roster", urlconf="core.urls.office") + f"?month={FUTURE:%Y-%m}&print=1"
    response = client_for(world.alpha, "cs_supervisor").get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "roster-print" in html and "duty:assignment-withdraw" not in html
    assert "<form method=\"post\"" not in html.split('class="roster', 1)[1]
    grid = _cells(html)
    day_label = [k for k in grid if k[0].startswith(f"{FUTURE.month}-{FUTURE.day} ")][0][0]
    night_label = [k for k in grid if k[0].startswith(f"{FUTURE.month}-20 ")][0][0]
    assert day_line.user_name in grid[(day_label, columns.index("day"))]
    assert night_line.user_name in grid[(night_label, columns.index("night"))]
    assert night_line.user_name not in grid[(day_label, columns.index("night"))]
    rows = {label for label, _i in grid}
    assert len(rows) == 31  # May: every day of the month is a row
