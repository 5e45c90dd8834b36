"""Development and `make demo` (manage.py's default)."""

from core.settings.base import *  # noqa: F401,F403
from core.settings.base import DATABASES, env_bool

DEBUG = env_bool("DEBUG", True)
# runserver serves every request on a thread of its own: a persistent connection would stay open per
# thread (one demo process held 74), so each request closes its connection. Production keeps them.
DATABASES = {**DATABASES, "default": {**DATABASES["default"], "CONN_MAX_AGE": 0}}
