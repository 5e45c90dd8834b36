"""A schema's catalog as comparable data: tables, columns, indexes, constraints, sequences, triggers and
migration records, read from information_schema / pg_catalog with the schema's own name replaced by
`<schema>` so two schemas built differently can be compared with ==."""

from __future__ import annotations

import re

from django.db import connection

_QUERIES = {
    "tables": """
        SELECT table_name, table_type FROM information_schema.tables
        WHERE table_schema = %(s)s ORDER BY 1""",
    "columns": """  -- column order as a rank: dropped columns leave gaps in ordinal_position
        SELECT table_name, column_name,
               rank() OVER (PARTITION BY table_name ORDER BY ordinal_position), data_type, udt_name, character_maximum_length,
               numeric_precision, numeric_scale, datetime_precision, column_default, is_nullable,
               is_identity, identity_generation, identity_start, identity_increment, is_generated,
               generation_expression, collation_name
        FROM information_schema.columns WHERE table_schema = %(s)s ORDER BY 1, 2""",
    "indexes": """
        SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = %(s)s ORDER BY 1, 2""",
    "constraints": """
        SELECT rel.relname, con.conname, con.contype, con.condeferrable, con.condeferred,
               con.convalidated, pg_get_constraintdef(con.oid, true)
        FROM pg_constraint con
        JOIN pg_class rel ON rel.oid = con.conrelid
        JOIN pg_namespace ns ON ns.oid = con.connamespace
        WHERE ns.nspname = %(s)s ORDER BY 1, 2""",
    "sequences": """
        SELECT seq.relname, s.seqtypid::regtype::text, s.seqstart, s.seqincrement, s.seqmax, s.seqmin,
               s.seqcache, s.seqcycle, owner.relname, att.attname, dep.deptype
        FROM pg_sequence s
        JOIN pg_class seq ON seq.oid = s.seqrelid
        JOIN pg_namespace ns ON ns.oid = seq.relnamespace
        LEFT JOIN pg_depend dep ON dep.objid = seq.oid AND dep.classid = 'pg_class'::regclass
             AND dep.refclassid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')
        LEFT JOIN pg_class owner ON owner.oid = dep.refobjid
        LEFT JOIN pg_attribute att ON att.attrelid = dep.refobjid AND att.attnum = dep.refobjsubid
        WHERE ns.nspname = %(s)s ORDER BY 1""",
    "triggers": """
        SELECT event_object_table, trigger_name, event_manipulation, action_timing, action_statement
        FROM information_schema.triggers WHERE trigger_schema = %(s)s ORDER BY 1, 2, 3""",
    "migrations": "SELECT app, name FROM {schema}.django_migrations ORDER BY 1, 2",
}


def _normalise(value, schema_name: str):
    if not isinstance(value, str):
        return value
    return re.sub(rf'"?\b{re.escape(schema_name)}\b"?', "<schema>", value)


def schema_catalog(schema_name: str) -> dict[str, list[tuple]]:
    """Every catalog section of `schema_name`, its own name replaced by <schema>."""
    catalog = {}
    with connection.cursor() as cursor:
        for section, sql in _QUERIES.items():
            cursor.execute(sql.replace("{schema}", f'"{schema_name}"'), {"s": schema_name})
            catalog[section] = [tuple(_normalise(v, schema_name) for v in row) for row in cursor.fetchall()]
    return catalog


def catalog_differences(left: dict, right: dict) -> dict[str, dict[str, list]]:
    """Per section: rows only in left, rows only in right (empty dict when identical)."""
    diff = {}
    for section in left:
        only_left = sorted(set(left[section]) - set(right[section]), key=repr)
        only_right = sorted(set(right[section]) - set(left[section]), key=repr)
        if only_left or only_right:
            diff[section] = {"only_left": only_left, "only_right": only_right}
    return diff
