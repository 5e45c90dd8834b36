from django.apps import AppConfig


class Config(AppConfig):
    """V-03, V-04: the survey counts the offices pushed to head office, hq schema."""

    name = "modules.surveys.hq"
    label = "survey_hq"
    default_auto_field = "django.db.models.BigAutoField"
