from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.reports"
    label = "reports"

    def ready(self) -> None:
        from modules.reports import workbench

        workbench.register_cards()
