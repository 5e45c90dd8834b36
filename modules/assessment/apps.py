from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.assessment"
    label = "assessment"

    def ready(self) -> None:
        from modules.assessment import clocks, workbench

        clocks.register()
        workbench.register_cards()
        from modules.assessment import figures

        figures.register()
