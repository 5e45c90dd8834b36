"""The schema stays ready for Citus schema-based sharding (deploy/SCALING.md "Beyond one machine"): each
office schema a distributed schema, the public tables reference tables, the coordinator routing by
search_path. Citus numbers sequences per node only for bigint; a reference table cannot point into a
distributed schema; a statement that reads two distributed schemas is no longer single-node."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

# The only code that changes the connection's schema, each for one schema at a time (never two in one
# statement): the bridge (the one place that crosses offices and head office), request routing, office
# creation, the per-office sweep and clock fan-outs, demo seeding, and two entry points that enter one schema.
SCHEMA_SWITCHERS = {
    "tenants/bridge.py", "tenants/middleware.py", "tenants/services.py", "tenants/templates.py",
    "core/sweeps.py", "core/demo/__init__.py", "core/demo/complaints.py",
    "modules/complaints/services/_common.py",  # re-enters the office's own schema after commit
    "tenants/template_script.py",  # reads a template's catalogue, builds a new schema from it
    "core/clocks/fanout.py",  # runs each tenant's clocks in its own schema, one after another
    "core/demo/reports.py",  # the demo's monthly reports: each office's in turn, then head office's (C-18)
}
SWITCH = re.compile(r"\b(schema_context|tenant_context|set_tenant|set_schema|set_schema_to_public)\(|search_path")


def _rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _schemas(world) -> list[str]:
    return ["public", world.hq.schema_name, world.alpha.schema_name, "_template_office"]


def test_every_integer_primary_key_is_bigint(world):
    rows = _rows("""
        SELECT c.table_schema, c.table_name, c.column_name, c.data_type
        FROM information_schema.table_constraints t
        JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
        JOIN information_schema.columns c ON c.table_schema = k.table_schema AND c.table_name = k.table_name
             AND c.column_name = k.column_name
        WHERE t.constraint_type = 'PRIMARY KEY' AND c.table_schema = ANY(%s)
          AND c.data_type IN ('smallint', 'integer')""", [_schemas(world)])
    assert rows == [], "\n".join(map(str, rows))


def test_every_sequence_is_bigint(world):
    rows = _rows("SELECT schemaname, sequencename, data_type FROM pg_sequences "
                 "WHERE schemaname = ANY(%s) AND data_type <> 'bigint'::regtype", [_schemas(world)])
    assert rows == [], "\n".join(map(str, rows))


def _foreign_keys() -> list[tuple[str, str, str, str]]:
    """(from schema, from table, to schema, to table) of every foreign key."""
    return _rows("""
        SELECT fn.nspname, f.relname, tn.nspname, t.relname FROM pg_constraint c
        JOIN pg_class f ON f.oid = c.conrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace
        JOIN pg_class t ON t.oid = c.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
        WHERE c.contype = 'f'""")


def test_no_foreign_key_from_a_public_table_into_a_tenant_schema(world):
    """A reference table cannot point at a distributed table."""
    assert [fk for fk in _foreign_keys() if fk[0] == "public" and fk[2] != "public"] == []


def test_tenant_tables_point_only_at_their_own_schema_or_public_tables(world):
    """A table of a distributed schema may point at its own schema or at a reference table — never at
    another office's schema."""
    tenant_fks = [fk for fk in _foreign_keys() if fk[0] != "public" and fk[0] not in ("pg_catalog",)]
    assert tenant_fks, "expected foreign keys in the tenant schemas"
    assert [fk for fk in tenant_fks if fk[2] not in (fk[0], "public")] == []


def test_public_tables_tenant_tables_point_at_can_be_reference_tables(world):
    """Each public table an office table points at has a primary key and points only at public tables."""
    targets = {fk[3] for fk in _foreign_keys() if fk[0] != "public" and fk[2] == "public"}
    with_pk = {row[0] for row in _rows("SELECT t.relname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                                       "JOIN pg_namespace n ON n.oid = t.relnamespace "
                                       "WHERE c.contype = 'p' AND n.nspname = 'public'")}
    assert targets <= with_pk, targets - with_pk
    assert [fk for fk in _foreign_keys() if fk[0] == "public" and fk[1] in targets and fk[2] != "public"] == []


def test_only_the_known_places_switch_schema():
    """No query joins two office schemas: code switches the connection's schema only in these files."""
    found = set()
    for folder in ("api", "core", "modules", "tenants"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts and SWITCH.search(path.read_text(encoding="utf-8")):
                found.add(path.relative_to(ROOT).as_posix())
    assert found <= SCHEMA_SWITCHERS, sorted(found - SCHEMA_SWITCHERS)


def test_bridge_statements_each_touch_one_tenant_schema(world, client_for):
    """Statement capture across the bridge (escalate alpha → hq, instruct hq → alpha): no statement names
    a tenant schema other than the one the connection is in."""
    from tenants import bridge
    from tests.modules.hq.factories import escalate

    tenant_schemas = {world.hq.schema_name, world.alpha.schema_name, world.beta.schema_name}
    seen = []

    def capture(execute, sql, params, many, context):
        seen.append((connection.schema_name, str(sql)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        case_id, _ = escalate(world, world.alpha)
        bridge.hq_instruction_to_office(case_id=case_id, text="请回复", by_user=world.users[("hq", "hq_agent")])
    schemas_used = {schema for schema, _ in seen}
    assert {world.hq.schema_name, world.alpha.schema_name} <= schemas_used
    crossing = [(schema, sql[:120]) for schema, sql in seen
                for other in tenant_schemas - {schema} if re.search(rf'"?\b{other}\b"?\.', sql)]
    assert crossing == []
