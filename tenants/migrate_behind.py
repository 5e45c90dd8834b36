"""`migrate` over many schemas: find the ones behind with one query, apply to those in parallel.

django-tenants' executors run Django's `migrate` in every schema (≈ 0.4 s each, even with nothing
to apply). Here the migrations every tenant schema must record are taken from the migration graph
once (Django records each migration in every schema; the router only makes the operations of other
types' apps no-ops), and one UNION ALL over each schema's `django_migrations` counts what each
schema has of them. Only the schemas short of the count are migrated, by a pool of forked processes
(`--processes`, default settings.TENANT_MIGRATE_PROCESSES); the first failure stops the pool and
names its schema."""

from __future__ import annotations

import multiprocessing
import sys
import traceback
from collections.abc import Callable, Iterable

from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader

_WITH_TABLE = """
    SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relname = 'django_migrations' AND c.relkind = 'r' AND n.nspname = ANY(%s)"""


class SchemaMigrationFailed(Exception):
    def __init__(self, schema_name: str, detail: str):
        super().__init__(f'migration failed in schema "{schema_name}": {detail}')
        self.schema_name = schema_name


def needed_migrations() -> set[tuple[str, str]]:
    """Every (app, name) of the migration graph: what an up-to-date schema has recorded."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return set(loader.graph.nodes)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schemas_behind(schema_names: Iterable[str]) -> list[str]:
    """The schemas (in the given order) lacking a migration of the graph, found with one catalogue
    query (which schemas have a `django_migrations` table) and one UNION ALL over those tables."""
    names = list(dict.fromkeys(schema_names))
    if not names:
        return []
    needed = needed_migrations()
    apps, migration_names = zip(*sorted(needed), strict=True)
    with connection.cursor() as cursor:
        cursor.execute(_WITH_TABLE, [names])
        with_table = {row[0] for row in cursor.fetchall()}
        counts: dict[str, int] = {}
        if with_table:
            union = " UNION ALL ".join(
                f"SELECT %s AS s, app, name FROM {_quote(name)}.django_migrations" for name in with_table)
            cursor.execute(
                f"SELECT m.s, count(DISTINCT (m.app, m.name)) FROM ({union}) m "
                "JOIN unnest(%s::text[], %s::text[]) AS g(app, name) ON g.app = m.app AND g.name = m.name "
                "GROUP BY m.s", [*with_table, list(apps), list(migration_names)])
            counts = dict(cursor.fetchall())
    return [name for name in names if counts.get(name, 0) < len(needed)]


def _guarded(worker: Callable[[tuple[str, str]], None], tenant: tuple[str, str]) -> tuple[str, str | None]:
    try:
        worker(tenant)
    except BaseException as error:  # reported with the schema's name, the pool is then stopped
        detail = "".join(traceback.format_exception_only(type(error), error)).strip()
        return tenant[0], detail
    return tenant[0], None


def _progress(stream, done: int, total: int, schema_name: str) -> None:
    """One line, rewritten in place on a terminal; one line per schema in a log."""
    tty = getattr(stream, "isatty", lambda: False)()
    end = ("\n" if done == total else "\r") if tty else "\n"
    stream.write(f"migrate: {done}/{total} schemas ({schema_name}){end}")
    stream.flush()


def run_parallel(tenants: list[tuple[str, str]], worker: Callable[[tuple[str, str]], None], *,
                 processes: int, stream=None) -> None:
    """Call `worker((schema, type))` for each tenant in up to `processes` forked processes, writing a
    progress line; on the first failure stop the rest and raise SchemaMigrationFailed."""
    stream = stream or sys.stderr
    total = len(tenants)
    if processes <= 1 or total <= 1:
        for done, tenant in enumerate(tenants, 1):
            _check(*_guarded(worker, tenant))
            _progress(stream, done, total, tenant[0])
        return
    connections.close_all()  # forked children must not share the parent's sockets
    context = multiprocessing.get_context("fork")
    pool = context.Pool(processes=min(processes, total), initializer=connections.close_all)
    try:
        for done, (schema_name, error) in enumerate(
                pool.imap_unordered(_GuardedCall(worker), tenants), 1):
            _check(schema_name, error)
            _progress(stream, done, total, schema_name)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


class _GuardedCall:
    def __init__(self, worker):
        self.worker = worker

    def __call__(self, tenant):
        return _guarded(self.worker, tenant)


def _check(schema_name: str, error: str | None) -> None:
    if error is not None:
        raise SchemaMigrationFailed(schema_name, error)
