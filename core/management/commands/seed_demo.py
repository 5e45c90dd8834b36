"""manage.py seed_demo: the head office, three offices, their people and a few days of work (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.demo import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = "Create the demo tenants, logins and records that are missing (a second run adds nothing)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:  # demo logins share one published password
            raise CommandError("seed_demo refuses to run with production settings (core.settings.production)")
        created = demo_seed(progress=self.stdout.write)
        verb = "created" if created else "checked, nothing missing"
        self.stdout.write(self.style.SUCCESS(f"demo data {verb}; every demo login uses password {DEMO_PASSWORD}"))
