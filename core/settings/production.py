"""Production: every secret comes from the environment; see deploy/.env.example."""

import os

from core.settings.base import *  # noqa: F401,F403

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
USE_X_FORWARDED_HOST = True
# behind nginx every request comes from the proxy: lock-outs and the online-complaint throttle use the
# client address it forwards. deploy/nginx.conf *overwrites* X-Forwarded-For with $remote_addr, so it
# holds exactly one address a client cannot spoof (no proxy count: ipware would then expect a chain).
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
