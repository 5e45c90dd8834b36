from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.duty"
    label = "duty"

    def ready(self) -> None:
        from modules.duty.workbench import register_cards

        register_cards()
        from modules.duty import figures

        figures.register()
