"""Reading the environment: every variable the product understands is documented in README.md."""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlparse


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_from_url(url: str) -> dict:
    """postgres://user:pass@host:port/name?host=/socket/dir → Django DATABASES entry."""
    parsed = urlparse(url)
    query = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
    host = query.pop("host", None) or (unquote(parsed.hostname) if parsed.hostname else "")
    return {
        "ENGINE": "django_tenants.postgresql_backend",
        "NAME": unquote(parsed.path.lstrip("/")) or "wuye",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": host,
        "PORT": str(parsed.port or ""),
        "OPTIONS": query,
    }


def kombu_url(redis_url: str) -> str:
    """redis-py's unix:// URLs are spelled redis+socket:// for kombu (Celery's transport)."""
    if redis_url.startswith("unix://"):
        path, _, query = redis_url[len("unix://"):].partition("?")
        db = parse_qs(query).get("db", ["0"])[-1]
        return f"redis+socket://{path}?virtual_host={db}"
    return redis_url


# keys that ship in this repository (base.py's development key, deploy/.env.example's placeholder)
KNOWN_KEYS = {"dev-only-insecure-key-change-me", "change-me-to-a-long-random-string"}


def secret_key_problem(key: str) -> str | None:
    """Why `key` is not fit for production, or None. The bar is Django's own check (security.W009):
    at least 50 characters, at least 5 different ones, not a `django-insecure-` key."""
    if not key:
        return "is not set"
    if key in KNOWN_KEYS or key.startswith(("django-insecure-", "change-me")):
        return "is a development or example key"
    if len(key) < 50 or len(set(key)) < 5:
        return "is too short or too simple (at least 50 characters, 5 of them different)"
    return None


def embedded_database() -> dict:
    """The embedded PostgreSQL (core/embedded): its backend finds the host when it first connects."""
    from core import embedded

    return {"ENGINE": "core.embedded.postgresql", "NAME": embedded.DATABASE, "USER": "postgres",
            "PASSWORD": "", "HOST": "", "PORT": "", "OPTIONS": {}}
