"""A template schema as one SQL script, generated once per migration state and replayed to create a
tenant's schema (issue 8: creating an office must not cost more as offices are added).

django-tenants' `clone_schema` reads the catalogue with queries that scan every schema, so a clone
took 0.58 s at 10 offices and 9.2 s at 303. Here the template's catalogue is read once — when
`migrate` has moved the template, or on the first creation after that — into a script of plain DDL
(tables with their identity columns, constraints and indexes under the template's own names), its
rows as JSON and its sequence positions. The script is kept in `tenants.SchemaScript`, keyed by the
template and a digest of its `django_migrations` rows; creating a schema replays it with the new
schema's name, which touches only the new schema's objects.

Anything the generator does not know how to write (views, functions, triggers, unlogged or
partitioned tables, stand-alone sequences, generated columns, other constraint kinds) raises
`Unsupported`, and the caller falls back to the clone (tenants/templates.py)."""

from __future__ import annotations

import hashlib
import logging
import re

from django.db import connection, transaction

logger = logging.getLogger(__name__)

# bump when the generated text changes, so scripts of an older generator are not replayed
GENERATOR = "1"
PLACEHOLDER = "@wuye-schema@"  # stands for the quoted new schema name


class Unsupported(Exception):
    """The template holds an object the generator does not write; clone instead."""


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def template_state(cursor, template: str) -> str:
    """The template's migration state: a digest of its applied migrations (and of the generator)."""
    cursor.execute(f"SELECT app, name FROM {_q(template)}.django_migrations ORDER BY app, name")
    rows = "\n".join(f"{app}.{name}" for app, name in cursor.fetchall())
    return hashlib.sha256(f"{GENERATOR}\n{rows}".encode()).hexdigest()


_OBJECTS = """
    SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relispartition, c.reloptions
    FROM pg_class c WHERE c.relnamespace = %s::regnamespace ORDER BY c.relname"""
_EXTRAS = """
    SELECT (SELECT count(*) FROM pg_proc WHERE pronamespace = %(ns)s::regnamespace)
         + (SELECT count(*) FROM pg_type WHERE typnamespace = %(ns)s::regnamespace
                AND typrelid = 0 AND typcategory <> 'A')
         + (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY(%(tables)s))"""
_COLUMNS = """
    SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
           a.attgenerated, pg_get_expr(d.adbin, d.adrelid),
           CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum"""
_IDENTITY_SEQUENCES = """
    SELECT d.refobjid, a.attname, seq.relname, s.seqtypid::regtype::text, s.seqstart, s.seqincrement,
           s.seqmin, s.seqmax, s.seqcache, s.seqcycle, d.deptype
    FROM pg_sequence s JOIN pg_class seq ON seq.oid = s.seqrelid
    LEFT JOIN pg_depend d ON d.objid = seq.oid AND d.classid = 'pg_class'::regclass
         AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE s.seqrelid = ANY(%s)"""
_CONSTRAINTS = """
    SELECT con.conrelid, con.conname, con.contype, pg_get_constraintdef(con.oid)
    FROM pg_constraint con WHERE con.conrelid = ANY(%s) ORDER BY con.conrelid, con.conname"""
_INDEXES = """
    SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
    WHERE i.indrelid = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid
        AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')) ORDER BY i.indexrelid::regclass::text"""


def generate(cursor, template: str) -> str:
    """The script that rebuilds `template` in the schema `PLACEHOLDER` stands for."""
    with transaction.atomic():
        # every name outside pg_catalog comes out schema-qualified, so the template's own name can be
        # swapped for the placeholder and public's tables keep theirs
        cursor.execute("SELECT current_setting('search_path'), set_config('search_path', 'pg_catalog', true)")
        previous = cursor.fetchone()[0]
        try:
            script = _generate(cursor, template)
        finally:
            connection.search_path_set_schemas = None  # django-tenants sets it again on next use
        cursor.execute("SELECT set_config('search_path', %s, true)", [previous])
    return script


def _generate(cursor, template: str) -> str:
    cursor.execute(_OBJECTS, [template])
    objects = cursor.fetchall()
    tables = {oid: name for oid, name, kind, *_rest in objects if kind == "r"}
    sequences = [oid for oid, _n, kind, *_rest in objects if kind == "S"]
    for _oid, name, kind, persistence, is_partition, options in objects:
        if kind not in "rSi" or persistence != "p" or is_partition or options:
            raise Unsupported(f"{template}.{name}: relkind {kind}")
    cursor.execute(_EXTRAS, {"ns": template, "tables": list(tables)})
    if cursor.fetchone()[0]:
        raise Unsupported(f"{template} has functions, types or triggers")
    identity = _identity_sequences(cursor, sequences)
    swap = _swapper(template)
    parts = [_create_table(cursor, tables, identity, swap)]
    parts.append(_constraints(cursor, tables, swap))
    cursor.execute(_INDEXES, [list(tables)])
    parts.extend(swap(row[0]) + ";" for row in cursor.fetchall())
    parts.extend(_rows(cursor, template, tables))
    parts.extend(_sequence_positions(cursor, template, identity))
    return "\n".join(part for part in parts if part)


def _swapper(template: str):
    """Replace the template's name where it qualifies another name (`tpl.t`, `"tpl".t`)."""
    prefix = re.compile(rf'(?<![\w"$])(?:{re.escape(_q(template))}|{re.escape(template)})\.')

    def swap(text: str) -> str:
        return prefix.sub(lambda _match: PLACEHOLDER + ".", text)

    return swap


def _identity_sequences(cursor, sequences: list[int]) -> dict[tuple[int, str], tuple]:
    cursor.execute(_IDENTITY_SEQUENCES, [sequences])
    found = {}
    for table_oid, column, name, seq_type, start, step, low, high, cache, cycle, deptype in cursor.fetchall():
        if deptype != "i":
            raise Unsupported(f"sequence {name} is not an identity column's")
        found[(table_oid, column)] = (name, seq_type, start, step, low, high, cache, cycle)
    return found


def _identity_clause(options: tuple) -> str:
    name, seq_type, start, step, low, high, cache, cycle = options
    return (f" GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME {PLACEHOLDER}.{_q(name)}"
            f" START WITH {start} INCREMENT BY {step} MINVALUE {low} MAXVALUE {high} CACHE {cache}"
            f"{' CYCLE' if cycle else ''})")


def _create_table(cursor, tables: dict[int, str], identity: dict, swap) -> str:
    cursor.execute(_COLUMNS, [list(tables)])
    columns: dict[int, list[str]] = {oid: [] for oid in tables}
    retype = []  # an identity sequence whose type is not its column's (a column retyped later)
    for oid, name, col_type, not_null, ident, generated, default, collation in cursor.fetchall():
        if generated or (ident and ident != "d") or (ident and (oid, name) not in identity):
            raise Unsupported(f"{tables[oid]}.{name}: generated or ALWAYS identity column")
        text = f"{_q(name)} {col_type}"
        text += f" COLLATE {collation}" if collation else ""
        text += " NOT NULL" if not_null else ""
        text += f" DEFAULT {swap(default)}" if default is not None else ""
        if ident:
            sequence = identity[(oid, name)]
            text += _identity_clause(sequence)
            if sequence[1] != col_type:
                retype.append(f"ALTER SEQUENCE {PLACEHOLDER}.{_q(sequence[0])} AS {sequence[1]};")
        columns[oid].append(text)
    return "\n".join([f"CREATE TABLE {PLACEHOLDER}.{_q(tables[oid])} ({', '.join(columns[oid])});"
                      for oid in tables] + retype)


def _constraints(cursor, tables: dict[int, str], swap) -> str:
    """Primary keys, unique and check constraints first, then foreign keys (which need the keys)."""
    cursor.execute(_CONSTRAINTS, [list(tables)])
    first, last = [], []
    for oid, name, kind, definition in cursor.fetchall():
        if kind == "n":  # PostgreSQL 18 lists NOT NULL as a constraint: the column's NOT NULL makes it
            continue
        if kind not in "pucf":
            raise Unsupported(f"{tables[oid]}.{name}: constraint kind {kind}")
        statement = (f"ALTER TABLE {PLACEHOLDER}.{_q(tables[oid])} ADD CONSTRAINT {_q(name)} "
                     f"{swap(definition)};")
        (last if kind == "f" else first).append(statement)
    return "\n".join(first + last)


def _rows(cursor, template: str, tables: dict[int, str]) -> list[str]:
    """The template's rows (migration records, content types, what data migrations wrote) as JSON."""
    statements = []
    for name in tables.values():
        table = f"{_q(template)}.{_q(name)}"
        cursor.execute(f"SELECT json_agg(t)::text FROM {table} t")
        data = cursor.fetchone()[0]
        if data:
            target = f"{PLACEHOLDER}.{_q(name)}"
            statements.append(f"INSERT INTO {target} SELECT * FROM json_populate_recordset(NULL::{target}, "
                              f"{_literal(data)});")
    return statements


def _sequence_positions(cursor, template: str, identity: dict) -> list[str]:
    statements = []
    for options in identity.values():
        name = options[0]
        cursor.execute(f"SELECT last_value, is_called FROM {_q(template)}.{_q(name)}")
        last_value, is_called = cursor.fetchone()
        if is_called:
            target = _literal(f"{PLACEHOLDER}.{_q(name)}")
            statements.append(f"SELECT setval({target}, {last_value}, true);")
    return statements


def replay(cursor, script: str, schema_name: str) -> None:
    """Create `schema_name` and build it from `script`, in one round trip."""
    quoted = _q(schema_name)
    cursor.execute(f"CREATE SCHEMA {quoted};\n" + script.replace(PLACEHOLDER, quoted))



def stored_script(template: str) -> str:
    """The script for `template` in its current migration state, generated and kept on a miss."""
    from tenants.models import SchemaScript

    with connection.cursor() as cursor:
        state = template_state(cursor, template)
        script = SchemaScript.objects.filter(template=template, state=state).values_list("script", flat=True).first()
        if script is None:
            script = generate(cursor, template)
            SchemaScript.objects.bulk_create([SchemaScript(template=template, state=state, script=script)],
                                             ignore_conflicts=True)  # another process may have made it too
    return script


def scripts_refresh(templates: list[str]) -> None:
    """After `migrate`: make each template's script for its new state, drop those of older states."""
    from tenants.models import SchemaScript

    for template in templates:
        with connection.cursor() as cursor:
            state = template_state(cursor, template)
        SchemaScript.objects.filter(template=template).exclude(state=state).delete()
        if SchemaScript.objects.filter(template=template, state=state).exists():
            continue
        try:
            stored_script(template)
        except Unsupported:
            logger.warning("template %s is cloned: its script cannot be generated", template, exc_info=True)


def create_from_script(template: str, schema_name: str) -> bool:
    """Build `schema_name` by replaying `template`'s script; False (nothing made) when the template
    cannot be scripted, so the caller clones instead."""
    try:
        script = stored_script(template)
    except Unsupported:
        logger.warning("template %s: no script, cloning", template, exc_info=True)
        return False
    with connection.cursor() as cursor:
        replay(cursor, script, schema_name)
    return True
