from django.apps import AppConfig


class Config(AppConfig):
    """Special services 特约服务 of an office (S-01..S-08), office schema."""

    name = "modules.services"
    label = "services"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from modules.services import clocks, workbench

        clocks.register()
        workbench.register_cards()
        from modules.services import figures

        figures.register()
