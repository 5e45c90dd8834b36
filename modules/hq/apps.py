from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.hq"
    label = "hq"

    def ready(self) -> None:
        from modules.hq import clocks

        clocks.register()
        from modules.hq.workbench import register_cards

        register_cards()
