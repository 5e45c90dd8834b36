"""Settings of the Celery worker and beat subprocesses that tests/core/test_worker_reconnects.py runs
against the test database: the test settings with a real broker (no eager mode), e-mail written to
files, and the outbox flushed every second. Everything else comes from the environment the test
passes (DATABASE_URL of the test database, REDIS_URL of its own redis-server)."""

import os

from core.settings.test import *  # noqa: F401,F403

CELERY_TASK_ALWAYS_EAGER = False
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["WUYE_TEST_MAIL_DIR"]
CELERY_BEAT_SCHEDULE = {"outbox-flush": {"task": "core.notifications.tasks.outbox_flush", "schedule": 1.0}}
CELERY_BEAT_SCHEDULE_FILENAME = os.environ["WUYE_TEST_BEAT_SCHEDULE"]
REDIS_OUTAGE_BACKOFF_SECONDS = 1
