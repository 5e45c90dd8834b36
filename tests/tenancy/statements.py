"""Count every SQL statement the driver runs, including django-tenants' `SET search_path`.

CaptureQueriesContext sees only statements sent through Django's cursor wrapper; django-tenants issues
its SET on the raw psycopg cursor inside `_cursor()`, so it is invisible there. This wraps the psycopg
connection's cursor class instead, which every statement passes through."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection


def _text(query) -> str:
    return query if isinstance(query, str) else query.decode() if isinstance(query, bytes) else repr(query)


@contextmanager
def driver_statements():
    """with driver_statements() as sql: ... — `sql` is the list of statements, in order."""
    connection.ensure_connection()
    raw = connection.connection
    original = raw.cursor_factory
    seen: list[str] = []

    class Counting(original):
        def execute(self, query, *args, **kwargs):
            seen.append(_text(query))
            return super().execute(query, *args, **kwargs)

        def executemany(self, query, *args, **kwargs):
            seen.append(_text(query))
            return super().executemany(query, *args, **kwargs)

    raw.cursor_factory = Counting
    try:
        yield seen
    finally:
        raw.cursor_factory = original


def is_search_path(statement: str) -> bool:
    return statement.lstrip().upper().startswith("SET SEARCH_PATH")
