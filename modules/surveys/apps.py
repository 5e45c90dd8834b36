from django.apps import AppConfig


class Config(AppConfig):
    """Satisfaction surveys (V-03, V-04) in an office: residents' answers and the push to head office."""

    name = "modules.surveys"
    label = "surveys"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from modules.surveys import workbench

        workbench.register_cards()
