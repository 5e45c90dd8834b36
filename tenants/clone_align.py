"""After cloning a template schema, give the copy the template's exact names and sequence types.

django-tenants' clone function re-creates unique constraints under PostgreSQL's default names
(`<table>_<cols>_key` instead of Django's `<table>_<cols>_<hash>_uniq`) and declares every sequence as
bigint. Later migrations look constraints up by name, so a clone must match a migrated schema exactly
(tests/tenancy/test_templates.py compares them). Objects are paired by table and definition."""

from __future__ import annotations

import re
from collections import defaultdict

_CONSTRAINTS = """
    SELECT rel.relname, con.contype, pg_get_constraintdef(con.oid, true), con.conname
    FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
    JOIN pg_namespace ns ON ns.oid = con.connamespace WHERE ns.nspname = %s ORDER BY 4"""
_INDEXES = """
    SELECT i.tablename, i.indexdef, i.indexname FROM pg_indexes i
    WHERE i.schemaname = %s AND NOT EXISTS (
        SELECT 1 FROM pg_constraint con JOIN pg_namespace ns ON ns.oid = con.connamespace
        WHERE ns.nspname = i.schemaname AND con.conname = i.indexname) ORDER BY 3"""
_SEQUENCES = """
    SELECT seq.relname, s.seqtypid::regtype::text FROM pg_sequence s
    JOIN pg_class seq ON seq.oid = s.seqrelid JOIN pg_namespace ns ON ns.oid = seq.relnamespace
    WHERE ns.nspname = %s"""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _named(cursor, sql: str, schema: str) -> dict[tuple, list[str]]:
    """(table, kind, definition with the schema and own name removed) → names, in name order."""
    cursor.execute(sql, [schema])
    found: dict[tuple, list[str]] = defaultdict(list)
    for *key, name in cursor.fetchall():
        text = re.sub(rf'"?\b{re.escape(schema)}\b"?\.', "", key[-1])
        key[-1] = text.replace(f"INDEX {name} ON", "INDEX ON").replace(f'INDEX {_q(name)} ON', "INDEX ON")
        found[tuple(key)].append(name)
    return found


def _renames(cursor, sql: str, template: str, schema: str) -> list[tuple[str, str, str]]:
    wanted, have = _named(cursor, sql, template), _named(cursor, sql, schema)
    renames = []
    for key, names in have.items():
        for current, target in zip(names, wanted.get(key, []), strict=False):
            if current != target:
                renames.append((key[0], current, target))
    return renames


def align_clone(cursor, template: str, schema: str) -> None:
    """Rename the clone's constraints and indexes and retype its sequences to match `template`."""
    for table, current, target in _renames(cursor, _CONSTRAINTS, template, schema):
        cursor.execute(f"ALTER TABLE {_q(schema)}.{_q(table)} RENAME CONSTRAINT {_q(current)} TO {_q(target)}")
    for _table, current, target in _renames(cursor, _INDEXES, template, schema):
        cursor.execute(f"ALTER INDEX {_q(schema)}.{_q(current)} RENAME TO {_q(target)}")
    cursor.execute(_SEQUENCES, [template])
    wanted = dict(cursor.fetchall())
    cursor.execute(_SEQUENCES, [schema])
    for name, seq_type in cursor.fetchall():
        if name in wanted and wanted[name] != seq_type:
            cursor.execute(f"ALTER SEQUENCE {_q(schema)}.{_q(name)} AS {wanted[name]}")
