import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings.local")

from core.observability import sentry_init  # noqa: E402

sentry_init()
application = get_wsgi_application()
