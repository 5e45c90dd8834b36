"""gunicorn settings for the web service (deploy/compose.yaml). Values come from the environment.

WSGI only, synchronous or threaded workers: django-tenants keeps the tenant on the thread's database
connection, which async views would lose (deploy/SCALING.md)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# recycle workers now and then (memory growth), staggered so they do not all restart at once
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# one database connection per worker thread, opened after the fork (never share it across a fork)
preload_app = False
# only nginx reaches gunicorn (the web port is not published): trust its X-Forwarded-* headers
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %({host}i)s "%(r)s" %(s)s %(b)s %(M)sms'
