"""gunicorn settings for the web service (deploy/compose.yaml). Values come from the environment.

WSGI only, synchronous or threaded workers: django-tenants keeps the tenant on the thread's database
connection, which async views would lose (deploy/SCALING.md).

Recycling (`max_requests`, against slow memory growth) must never leave nobody serving (issue 7 §3:
two workers recycled in the same second, twice, and nothing was served for ~1.7 s — the time a new
worker takes to import Django). So:
- `preload_app`: the master imports the app once and a replacement worker is a fork of it, serving
  within milliseconds instead of after a fresh import. Loading the app opens no connection (Django
  connects on first query; Redis and the broker on first use), and `pre_fork` closes any the master
  might hold, so every worker opens its own after the fork.
- a wide jitter: each worker's limit is drawn from max_requests … 1.5 × max_requests, so workers
  that started together reach their limits hundreds of requests apart, not in the same second; and
  should two still meet, a fork is all it takes to replace them.
- at least 2 workers, so one is always serving while another is replaced.
"""

import multiprocessing
import os
import time

# one time zone for the master's and the workers' log lines: the product's (core/settings/base.py
# TIME_ZONE; Django sets TZ to it in every process that loads the settings, the master included)
os.environ["TZ"] = "Asia/Shanghai"
time.tzset()

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = max(2, int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 2
preload_app = True
# only nginx reaches gunicorn (the web port is not published): trust its X-Forwarded-* headers
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(t)s %(h)s %({host}i)s "%(r)s" %(s)s %(b)s %(M)sms'


def pre_fork(server, worker):
    """No database connection crosses a fork: each worker opens its own."""
    from django.db import connections

    connections.close_all()

