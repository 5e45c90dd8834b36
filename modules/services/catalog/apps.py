from django.apps import AppConfig


class Config(AppConfig):
    """The group's catalog of special-service items and their versioned rates (S-01, S-08), public schema."""

    name = "modules.services.catalog"
    label = "service_catalog"
    default_auto_field = "django.db.models.BigAutoField"
