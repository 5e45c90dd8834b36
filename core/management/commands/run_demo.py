"""manage.py run_demo: web server, Celery worker and Celery beat together in the foreground.

Ctrl-C stops all three; so does any one of them exiting. Prints every URL and demo login first."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from core import embedded
from core.demo import demo_logins


class Command(BaseCommand):
    help = "Run web + worker + beat for the demo (Ctrl-C stops everything)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def _commands(self, port: str) -> dict[str, list[str]]:
        python = sys.executable
        # beat keeps its schedule next to the embedded data (WUYE_DATA_DIR), which may not exist yet
        embedded.DATA_DIR.mkdir(parents=True, exist_ok=True)
        schedule = str(embedded.DATA_DIR / "celerybeat-schedule")
        return {
            "web": [python, "manage.py", "runserver", f"0.0.0.0:{port}", "--noreload"],
            "worker": [python, "-m", "celery", "-A", "core", "worker", "-l", "warning", "--concurrency", "2"],
            "beat": [python, "-m", "celery", "-A", "core", "beat", "-l", "warning", "--schedule", schedule],
        }

    def handle(self, *args, port, **options):
        self.stdout.write(self.style.SUCCESS("Wuye demo — open one of these (Ctrl-C to stop):"))
        for line in demo_logins(port):
            self.stdout.write(line)
        self.stdout.write("  residents, no login, on every office host: /public/notices/ (通知公告), "
                          "/public/complaints/ (网上投诉)")
        self.stdout.write("  API docs on every host: /api/docs/   health: /healthz")
        self.stdout.flush()
        signal.signal(signal.SIGTERM, _interrupt)  # a plain `kill` stops the three children too
        procs = {name: subprocess.Popen(cmd, env=os.environ.copy()) for name, cmd in self._commands(port).items()}
        try:
            while all(p.poll() is None for p in procs.values()):
                time.sleep(0.5)
            for name, p in procs.items():
                if p.poll() is not None:
                    self.stderr.write(f"{name} exited with code {p.returncode}; stopping the demo")
        except KeyboardInterrupt:
            pass
        finally:
            _stop(procs)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop(procs: dict) -> None:
    for p in procs.values():
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs.values():
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
