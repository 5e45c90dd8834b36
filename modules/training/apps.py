from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.training"
    label = "training"

    def ready(self) -> None:
        from modules.training import clocks, workbench

        clocks.register()
        workbench.register_cards()
        from modules.training import figures

        figures.register()
