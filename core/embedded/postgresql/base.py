"""Database backend for the embedded PostgreSQL: django-tenants' backend that starts the server
(core/embedded) when it opens its first connection, not when the settings are read, and starts it
again if it was found gone."""

from django.db import OperationalError
from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper

from core import embedded


class DatabaseWrapper(TenantDatabaseWrapper):
    def get_connection_params(self):
        # written back so that copies of the settings (the test database's) see the real host
        self.settings_dict["HOST"] = str(embedded.postgres_socket_dir())
        return super().get_connection_params()

    def get_new_connection(self, conn_params):
        try:
            return super().get_new_connection(conn_params)
        except OperationalError:
            host = str(embedded.postgres_socket_dir(refresh=True))
            self.settings_dict["HOST"] = conn_params["host"] = host
            return super().get_new_connection(conn_params)
