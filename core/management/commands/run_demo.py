"""manage.py run_demo: web server, Celery worker and Celery beat together in the foreground.

Ctrl-C stops all three. Prints every URL and demo login first."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

from core.demo import demo_logins


class Command(BaseCommand):
    help = "Run web + worker + beat for the demo (Ctrl-C stops everything)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000")

    def handle(self, *args, port, **options):
        python = sys.executable
        commands = {
            "web": [python, "manage.py", "runserver", f"0.0.0.0:{port}", "--noreload"],
            "worker": [python, "-m", "celery", "-A", "core", "worker", "-l", "warning", "--concurrency", "2"],
            "beat": [python, "-m", "celery", "-A", "core", "beat", "-l", "warning"],
        }
        self.stdout.write(self.style.SUCCESS("Wuye demo — open one of these (Ctrl-C to stop):"))
        for line in demo_logins():
            self.stdout.write(line)
        self.stdout.write("  API docs on every host: /api/docs/   health: /healthz")
        procs = {name: subprocess.Popen(cmd, env=os.environ.copy()) for name, cmd in commands.items()}
        try:
            while all(p.poll() is None for p in procs.values()):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in procs.values():
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in procs.values():
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
