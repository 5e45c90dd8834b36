from django.apps import AppConfig


class PeopleConfig(AppConfig):
    """People and roles (R-01..R-04): managing a tenant's people, group-wide locks, passwords. The rows
    (User, Membership, AccountEvent) live in the public schema, in the tenants app."""

    name = "modules.people"
    label = "people"
    default_auto_field = "django.db.models.BigAutoField"
