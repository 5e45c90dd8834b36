from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "租户 Tenants"

    def ready(self) -> None:
        from tenants import signals  # noqa: F401
