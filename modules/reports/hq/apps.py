from django.apps import AppConfig


class Config(AppConfig):
    """Head office's side of the monthly complaint report (C-18): the frozen versions the offices submitted
    through tenants/bridge.py and the per-month expectations whose clock tells who is late."""

    name = "modules.reports.hq"
    label = "reports_hq"

    def ready(self) -> None:
        from modules.reports.hq import clocks

        clocks.register()
