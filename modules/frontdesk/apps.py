from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.frontdesk"
    label = "frontdesk"

    def ready(self) -> None:
        from modules.frontdesk import clocks

        clocks.register()
        from modules.frontdesk.workbench import register_cards

        register_cards()
        from modules.frontdesk import figures

        figures.register()
