"""seed_demo refuses to run with production settings (issue 7 §3): its logins share one password."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from core.management.commands import seed_demo
from tests.ops.settings_probe import PRODUCTION_ENV, probe_value


def test_seed_demo_refuses_production_settings(monkeypatch):
    seeded = []
    monkeypatch.setattr(seed_demo, "demo_seed", lambda **kw: seeded.append(kw))
    with override_settings(PRODUCTION=True), pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert seeded == []


def test_only_the_production_module_is_production():
    assert probe_value("core.settings.production", "s.PRODUCTION", **PRODUCTION_ENV) is True
    assert probe_value("core.settings.local", "s.PRODUCTION") is False
