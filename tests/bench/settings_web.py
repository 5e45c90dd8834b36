"""Settings of the web servers of the benches that measure a whole request (tests/bench/
test_bench_complaints.py, test_bench_memory.py): the test settings, but tasks are sent to the broker as in
production instead of run inside the request (the test settings' eager mode would deliver a registration's
e-mail before answering it)."""

from core.settings.test import *  # noqa: F401,F403

CELERY_TASK_ALWAYS_EAGER = False
