from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.complaints"
    label = "complaints"

    def ready(self) -> None:
        from modules.complaints import clocks

        clocks.register()
        from modules.complaints.workbench import register_cards

        register_cards()
        from modules.complaints import figures

        figures.register()
