"""The Celery app. Tasks are tenant-aware (tenant-schemas-celery): each runs in the schema it was sent
from, carried in the `_schema_name` header. Use `core.tasks.enqueue_on_commit` to send after commit:
it captures the schema when the task is scheduled, not when the callback happens to run."""

import os

from celery.signals import beat_init, celeryd_init, worker_init
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.local")

app = CeleryApp("wuye")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.autodiscover_tasks(["core.clocks", "core.figures"])  # no Django apps: name their tasks modules here


@worker_init.connect
def _worker_sentry(**kwargs) -> None:
    """Workers report to Sentry too (the web process does it in core/wsgi.py)."""
    from core import observability

    observability.sentry_init()


@celeryd_init.connect
@beat_init.connect
def _embedded_redis(**kwargs) -> None:
    """Without REDIS_URL the broker is the embedded Redis: start it before connecting to it (it starts on
    first use, core/embedded)."""
    from django.conf import settings

    if settings.EMBEDDED_REDIS:
        from core import embedded

        embedded.redis_start()
