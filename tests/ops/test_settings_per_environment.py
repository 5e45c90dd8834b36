"""Settings per environment (issue 7 §1.3, §3): each module is imported in a fresh interpreter."""

import pytest

from tests.ops.settings_probe import GOOD_KEY, PRODUCTION_ENV, probe, probe_value


def test_demo_keeps_no_connection_per_thread():
    """The demo's threaded dev server opens a thread per request: CONN_MAX_AGE 0 closes each one."""
    assert probe_value("core.settings.local", "s.DATABASES['default']['CONN_MAX_AGE']") == 0
    assert probe_value("core.settings.local", "s.DATABASES['default']['CONN_MAX_AGE']",
                       DB_CONN_MAX_AGE="60") == 0


def test_production_keeps_persistent_connections():
    assert probe_value("core.settings.production", "s.DATABASES['default']['CONN_MAX_AGE']",
                       **PRODUCTION_ENV) == 60
    assert probe_value("core.settings.production", "s.DATABASES['default']['CONN_HEALTH_CHECKS']",
                       **PRODUCTION_ENV) is True


def test_production_does_not_allow_testserver():
    hosts = probe_value("core.settings.production", "s.ALLOWED_HOSTS", **PRODUCTION_ENV, BASE_DOMAIN="example.com")
    assert hosts == ["example.com", ".example.com"]


@pytest.mark.parametrize("key", ["", "short", "dev-only-insecure-key-change-me",
                                 "change-me-to-a-long-random-string", "x" * 64,
                                 "django-insecure-" + GOOD_KEY, "change-me-" + GOOD_KEY])
def test_production_refuses_a_weak_secret_key(key):
    result = probe("core.settings.production", "s.SECRET_KEY", **{**PRODUCTION_ENV, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_missing_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = probe("core.settings.production", "s.SECRET_KEY", **env)
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL"])
def test_production_never_falls_back_to_embedded_services(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = probe("core.settings.production", "1", **{**env, missing: ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and missing in result.stderr


def test_production_accepts_a_strong_key():
    assert probe_value("core.settings.production", "s.SECRET_KEY", **PRODUCTION_ENV) == GOOD_KEY
