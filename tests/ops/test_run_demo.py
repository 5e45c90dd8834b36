"""manage.py run_demo: supervised services (issue 7 §1.2) and --bind, loopback by default (§3)."""

from __future__ import annotations

import signal

import pytest
from django.core.management import call_command

from core.management.commands.run_demo import Command
from core.supervisor import Supervisor


@pytest.fixture
def ran(monkeypatch):
    runs = []
    monkeypatch.setattr(Supervisor, "run", lambda self, **kw: runs.append(self))
    monkeypatch.setattr(signal, "signal", lambda *a: None)  # keep the test process's own handlers
    return runs


@pytest.mark.django_db
def test_web_listens_on_loopback_by_default(ran):
    call_command("run_demo")
    (sup,) = ran
    assert sup.commands["web"][-2:] == ["127.0.0.1:8000", "--noreload"]
    assert set(sup.commands) == {"web", "worker", "beat"}


@pytest.mark.django_db
def test_bind_chooses_the_address(ran):
    call_command("run_demo", "--bind", "0.0.0.0", "--port", "8100")
    assert ran[0].commands["web"][-2] == "0.0.0.0:8100"


def test_ipv6_bind_is_bracketed():
    assert Command().commands(bind="::1", port="8000")["web"][-2] == "[::1]:8000"


@pytest.mark.django_db
def test_email_links_carry_the_demo_port(ran, monkeypatch):
    monkeypatch.delenv("SITE_PORT", raising=False)
    call_command("run_demo", "--port", "8100")
    assert ran[0].env["SITE_PORT"] == "8100"
