-- nat_schema_2.sql — national migration "national-2" (docs/national.md, "Publish"): a
-- province's first publish of a table sets the partition's indexes aside, COPYs, and
-- builds them again, all in the publish's transaction. The province's role may not
-- own DDL on its partitions, so two SECURITY DEFINER functions do it for the role that
-- the session may act as (session_user a member of zj_p<province>), on that province's
-- partitions of the mirrored tables only; the definitions wait in nat.set_aside_indexes.
CREATE TABLE nat.set_aside_indexes (
    province     text NOT NULL,
    tbl          text NOT NULL,
    name         text NOT NULL,
    ddl          text NOT NULL,
    PRIMARY KEY (province, tbl, name)
);
REVOKE ALL ON nat.set_aside_indexes FROM PUBLIC;

-- The partition nat.<t>_p<p> of a mirrored table, when the session may act as zj_p<p>.
CREATE FUNCTION nat.own_partition(p text, t text) RETURNS regclass
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    part oid;
BEGIN
    IF p !~ '^[1-6][0-9]$' OR t !~ '^[a-z_]+$' OR t IN ('publish_state', 'national_leads') THEN
        RAISE EXCEPTION 'nat: no partition % of %', p, t;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zj_p' || p)
       OR NOT pg_has_role(session_user, 'zj_p' || p, 'MEMBER') THEN
        RAISE EXCEPTION 'nat: % may not act for province %', session_user, p
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT c.oid INTO part FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'nat'
      JOIN pg_inherits i ON i.inhrelid = c.oid
      JOIN pg_class parent ON parent.oid = i.inhparent AND parent.relname = t
     WHERE c.relname = t || '_p' || p AND c.relkind = 'r';
    IF part IS NULL THEN
        RAISE EXCEPTION 'nat: no partition % of %', p, t;
    END IF;
    RETURN part;
END $$;

-- Drop the partition's indexes and primary key, keeping their definitions.
CREATE FUNCTION nat.indexes_off(p text, t text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    part regclass := nat.own_partition(p, t);
    r record;
    n integer := 0;
BEGIN
    FOR r IN SELECT ic.relname AS name, con.conname,
                    CASE WHEN con.oid IS NOT NULL
                         THEN format('ALTER TABLE %s ADD CONSTRAINT %I %s', part, con.conname,
                                     pg_get_constraintdef(con.oid))
                         ELSE pg_get_indexdef(x.indexrelid) END AS ddl
               FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
               LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.conrelid = part
              WHERE x.indrelid = part
    LOOP
        INSERT INTO nat.set_aside_indexes(province, tbl, name, ddl) VALUES (p, t, r.name, r.ddl)
            ON CONFLICT DO NOTHING;
        IF r.conname IS NOT NULL THEN
            EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', part, r.conname);
        ELSE
            EXECUTE format('DROP INDEX nat.%I', r.name);
        END IF;
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;

-- Build the indexes set aside for the partition again.
CREATE FUNCTION nat.indexes_on(p text, t text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
DECLARE
    part regclass := nat.own_partition(p, t);
    r record;
    n integer := 0;
BEGIN
    FOR r IN DELETE FROM nat.set_aside_indexes WHERE province = p AND tbl = t RETURNING ddl
    LOOP
        EXECUTE r.ddl;
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;
REVOKE ALL ON FUNCTION nat.own_partition(text, text), nat.indexes_off(text, text),
    nat.indexes_on(text, text) FROM PUBLIC;
