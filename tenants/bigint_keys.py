"""Every key and sequence bigint in the current schema (deploy/SCALING.md, "Beyond one machine"): Citus
numbers sequences per node only for bigint, and the tables of contrib apps (contenttypes, auth, axes)
still come with integer ids. Run by a migration in each schema type; idempotent."""

WIDEN_KEYS_SQL = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN
    SELECT DISTINCT c.relname AS tbl, a.attname AS col
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (k.conkey)
    WHERE c.relnamespace = current_schema()::regnamespace AND k.contype IN ('p', 'f', 'u')
      AND a.atttypid IN ('int2'::regtype, 'int4'::regtype)
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I TYPE bigint', r.tbl, r.col);
  END LOOP;
  FOR r IN
    SELECT sequencename AS seq FROM pg_sequences
    WHERE schemaname = current_schema() AND data_type <> 'bigint'::regtype
  LOOP
    EXECUTE format('ALTER SEQUENCE %I AS bigint', r.seq);
  END LOOP;
END
$$;
"""
