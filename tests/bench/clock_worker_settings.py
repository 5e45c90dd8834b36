"""Settings of the Celery worker that tests/bench/test_bench_clocks.py runs against the test database:
the test settings with a real broker (no eager mode), e-mail sent nowhere, no beat entries. DATABASE_URL
and REDIS_URL come from the environment the bench passes."""

from core.settings.test import *  # noqa: F401,F403

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
CELERY_BEAT_SCHEDULE = {}
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "root": {"handlers": ["console"], "level": "WARNING"}}
