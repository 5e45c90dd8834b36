from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.assessment"
    label = "assessment"

    def ready(self) -> None:
        from modules.assessment import clocks

        clocks.register()
        from modules.assessment import figures

        figures.register()
