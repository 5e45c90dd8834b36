"""The complaint entries of the office navigation follow the permission map (C-10, C-19)."""

import pytest

pytestmark = pytest.mark.django_db


def _nav(client_for, world, role) -> dict:
    response = client_for(world.alpha, role).get("/complaints/")
    return {item["name"]: item["url"] for item in response.context["nav"]}


def test_director_sees_incidents_and_spot_checks_C19(client_for, world):
    nav = _nav(client_for, world, "office_director")
    assert nav["complaints:incidents"] == "/complaints/incidents/"
    assert nav["complaints:spot-checks"] == "/complaints/spot-checks/"


def test_cs_staff_sees_incidents_but_not_spot_checks_C19(client_for, world):
    nav = _nav(client_for, world, "cs_staff")
    assert "complaints:incidents" in nav and "complaints:spot-checks" not in nav
