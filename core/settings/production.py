"""Production: every secret comes from the environment; see deploy/.env.example.

Importing this module refuses to go on (ImproperlyConfigured) with a weak SECRET_KEY or without
DATABASE_URL / REDIS_URL: production never falls back to the embedded development services."""

import os

from django.core.exceptions import ImproperlyConfigured

from core.settings.base import *  # noqa: F401,F403
from core.settings.base import BASE_DOMAIN
from core.settings.env import secret_key_problem

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if problem := secret_key_problem(SECRET_KEY):
    raise ImproperlyConfigured(f"SECRET_KEY {problem}. Generate one with: python -c "
                               "\"import secrets; print(secrets.token_urlsafe(50))\"")
for _name in ("DATABASE_URL", "REDIS_URL"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} is required in production (see deploy/.env.example)")

DEBUG = False
PRODUCTION = True
ALLOWED_HOSTS = [BASE_DOMAIN, f".{BASE_DOMAIN}"]  # no `testserver`: the test runner adds it itself
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
USE_X_FORWARDED_HOST = True
# behind nginx every request comes from the proxy: lock-outs and the online-complaint throttle use the
# client address it forwards. deploy/nginx.conf *overwrites* X-Forwarded-For with $remote_addr, so it
# holds exactly one address a client cannot spoof (no proxy count: ipware would then expect a chain).
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
