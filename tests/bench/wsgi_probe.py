"""WSGI entry for the routing benchmark's gunicorn (tests/bench/test_bench_routing.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings_probe")
application = get_wsgi_application()
