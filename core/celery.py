"""The Celery app. Tasks are tenant-aware (tenant-schemas-celery): each runs in the schema it was sent
from, carried in the `_schema_name` header. Use `core.tasks.enqueue_on_commit` to send after commit:
it captures the schema when the task is scheduled, not when the callback happens to run."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.local")

app = CeleryApp("wuye")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
