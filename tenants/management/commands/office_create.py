"""manage.py office_create <slug> <name> [--kind residential|office_tower|mixed|mall]"""

import time

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from tenants.models import Tenant
from tenants.services import office_create


class Command(BaseCommand):
    help = "Create a management office: tenant, schema (cloned from the template) and domain."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("name")
        parser.add_argument("--kind", default="residential", choices=[k for k, _ in Tenant.KIND_CHOICES])

    def handle(self, *args, slug, name, kind, **options):
        started = time.perf_counter()
        try:
            tenant = office_create(slug=slug, name=name, kind=kind)
        except ApplicationError as exc:
            raise CommandError(f"{exc.message} {exc.fields}") from exc
        domain = tenant.domains.first().domain
        self.stdout.write(self.style.SUCCESS(
            f"office {tenant.slug} created at {domain} in {time.perf_counter() - started:.2f}s"))
