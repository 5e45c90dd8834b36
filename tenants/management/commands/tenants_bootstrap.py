"""manage.py tenants_bootstrap [--admin USERNAME --email E]: the apex and head-office tenants of a new
deployment, and a first group administrator, unless they exist. Run after `migrate` (deploy/compose.yaml).
The new administrator's password is read from the BOOTSTRAP_ADMIN_PASSWORD environment variable."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from tenants.services import group_bootstrap


class Command(BaseCommand):
    help = "Create the public (apex) and head-office tenants, and optionally a group administrator."

    def add_arguments(self, parser):
        parser.add_argument("--admin", default="", help="username of a group administrator to ensure")
        parser.add_argument("--email", default="")

    def handle(self, *args, admin, email, **options):
        try:
            group_bootstrap(admin_username=admin, admin_email=email,
                            admin_password=os.environ.get("BOOTSTRAP_ADMIN_PASSWORD", ""))
        except ApplicationError as exc:
            raise CommandError(f"{exc.message} {exc.fields}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"group at {settings.BASE_DOMAIN}, head office at hq.{settings.BASE_DOMAIN}"
            + (f", administrator {admin}" if admin else "")))
