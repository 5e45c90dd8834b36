"""manage.py seed_demo: the head office, three offices and their people, once (idempotent)."""

from django.core.management.base import BaseCommand

from core.demo import DEMO_PASSWORD, demo_seed


class Command(BaseCommand):
    help = "Create demo tenants, residents and one user per role, unless they exist."

    def handle(self, *args, **options):
        created = demo_seed(progress=self.stdout.write)
        verb = "created" if created else "already present"
        self.stdout.write(self.style.SUCCESS(f"demo data {verb}; every demo login uses password {DEMO_PASSWORD}"))


