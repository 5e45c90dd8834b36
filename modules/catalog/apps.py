from django.apps import AppConfig


class Config(AppConfig):
    name = "modules.catalog"
    label = "catalog"

    def ready(self) -> None:
        from modules.catalog import signals  # noqa: F401
        from modules.catalog.workbench import register_cards

        register_cards()
