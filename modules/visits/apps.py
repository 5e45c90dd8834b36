from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.visits"
    label = "visits"

    def ready(self) -> None:
        from modules.visits import clocks, workbench

        clocks.register()
        workbench.register_cards()
        from modules.visits import figures

        figures.register()
