"""manage.py user_invite TENANT_SLUG USERNAME ROLE [--name N] [--phone P] [--email E]: the operator's
bootstrap (R-01..R-04). Finds the account or creates it with a one-time password (printed once; the
person sets their own at the first login) and grants ROLE in the tenant, a role of that tenant's type."""

from django.core.management.base import BaseCommand, CommandError

from core.errors import ApplicationError
from core.permissions import role_label
from modules.people.services import person_invite


class Command(BaseCommand):
    help = "Give a person (new or existing account) a role in a tenant given by its slug."

    def add_arguments(self, parser):
        parser.add_argument("tenant", help="tenant slug: an office, hq, or public (group administrators)")
        parser.add_argument("username")
        parser.add_argument("role", help="a role of the tenant's type, e.g. office_director")
        parser.add_argument("--name", default="", help="display name of a new account")
        parser.add_argument("--phone", default="")
        parser.add_argument("--email", default="")

    def handle(self, *args, tenant, username, role, name, phone, email, **options):
        try:
            membership, password = person_invite(tenant_slug=tenant, username=username, role=role,
                                                 display_name=name, phone=phone, email=email)
        except ApplicationError as exc:
            raise CommandError(f"{exc.message} {exc.fields}") from exc
        self.stdout.write(self.style.SUCCESS(
            f"{membership.user.username}: {role_label(membership.role)} ({membership.role}) @ {membership.tenant.slug}"))
        if password:
            self.stdout.write(f"one-time password (shown once, to be changed at first login): {password}")
        else:
            self.stdout.write("existing account: password unchanged")
