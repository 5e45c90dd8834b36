"""Settings of the Celery worker that tests/bench/test_bench_memory.py runs against the test database:
the test settings with a real broker (no eager mode) and e-mail dropped."""

from core.settings.test import *  # noqa: F401,F403

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
