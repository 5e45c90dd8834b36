"""manage.py run_demo: web server, Celery worker and Celery beat together in the foreground.

A service that exits is started again (core/supervisor.py: backoff, bounded restart rate, logged);
only Ctrl-C (or SIGTERM) stops all three. Prints every URL and demo login first."""

import os
import signal
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from core import embedded
from core.demo import demo_logins
from core.supervisor import Supervisor


class Command(BaseCommand):
    help = "Run web + worker + beat for the demo, restarting any that exits (Ctrl-C stops everything)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")
        parser.add_argument("--bind", default="127.0.0.1",
                            help="address the web server listens on (0.0.0.0: every interface)")

    def commands(self, *, bind: str, port: str) -> dict[str, list[str]]:
        python = sys.executable
        # beat keeps its schedule next to the embedded data (WUYE_DATA_DIR), which may not exist yet
        embedded.DATA_DIR.mkdir(parents=True, exist_ok=True)
        schedule = str(embedded.DATA_DIR / "celerybeat-schedule")
        address = f"[{bind}]:{port}" if ":" in bind else f"{bind}:{port}"  # an IPv6 address in brackets
        return {
            "web": [python, "manage.py", "runserver", address, "--noreload"],
            # one worker of 2 processes serves every queue (sweeps, e-mail, bridge: deploy/SCALING.md)
            "worker": [python, "-m", "celery", "-A", "core", "worker", "-l", "warning", "--concurrency", "2",
                       "-Q", ",".join(settings.WORKER_QUEUES)],
            "beat": [python, "-m", "celery", "-A", "core", "beat", "-l", "warning", "--schedule", schedule],
        }

    def handle(self, *args, port, bind, **options):
        self.stdout.write(self.style.SUCCESS("Wuye demo — open one of these (Ctrl-C to stop):"))
        for line in demo_logins(port):
            self.stdout.write(line)
        self.stdout.write("  residents, no login, on every office host: /public/notices/ (通知公告), "
                          "/public/complaints/ (网上投诉)")
        self.stdout.write("  API docs on every host: /api/docs/   health: /healthz")
        self.stdout.write(f"  listening on {bind}:{port} (--bind 0.0.0.0 to be reached from other machines)")
        self.stdout.flush()
        signal.signal(signal.SIGTERM, _interrupt)  # a plain `kill` stops the three children too
        env = os.environ.copy()
        env.setdefault("SITE_PORT", port)  # links in the demo's e-mails reach this server's port
        Supervisor(self.commands(bind=bind, port=port), env=env).run()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
