"""Production: every secret comes from the environment; see deploy/.env.example."""

import os

from core.settings.base import *  # noqa: F401,F403

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
USE_X_FORWARDED_HOST = True
# behind nginx every request comes from the proxy: lock out by the client address it forwards
# (deploy/nginx.conf overwrites X-Forwarded-For, so a client cannot spoof it)
AXES_IPWARE_PROXY_COUNT = 1
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
