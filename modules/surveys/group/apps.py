from django.apps import AppConfig


class Config(AppConfig):
    """V-03: the group's questionnaires and survey waves, public schema (offices read, head office writes)."""

    name = "modules.surveys.group"
    label = "survey_group"
    default_auto_field = "django.db.models.BigAutoField"
