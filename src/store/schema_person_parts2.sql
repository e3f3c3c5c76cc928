-- schema_person_parts2.sql — migration "person-parts-2": the bits of person_parts are
-- trusted only while every import batch kept them (issue 15, src/store/presence.h). A
-- program from before person-parts-1 imports without setting them; its batches would
-- leave a person's new rows out of an incremental screening. person_parts_state holds the
-- last import batch the bits reflect: each batch's end moves it on when it was the one
-- before (feed_store_batch_end), an incremental screening trusts the bits only when no
-- batch is past it, and a batch that finds one past it (another program's) builds the
-- bits again with this file, in its transaction. Also this migration: the bits built
-- again from the tables, the mark at the last batch.
CREATE TABLE IF NOT EXISTS person_parts_state (
    only     INTEGER PRIMARY KEY CHECK (only = 1),
    batch_id INTEGER NOT NULL
);
DELETE FROM person_parts;
INSERT INTO person_parts(person_id, parts)
SELECT person_id, sum(bit) FROM (
    SELECT person_id, 0 AS bit FROM persons WHERE person_id IS NOT NULL
    UNION ALL SELECT DISTINCT person_id, 1 FROM sentence_changes
    UNION ALL SELECT DISTINCT person_id, 2 FROM medical
    UNION ALL SELECT DISTINCT person_id, 4 FROM merits
    UNION ALL SELECT DISTINCT person_id, 8 FROM corrections
    UNION ALL SELECT DISTINCT person_id, 16 FROM property
    UNION ALL SELECT DISTINCT person_id, 32 FROM restraints
    UNION ALL SELECT DISTINCT person_id, 64 FROM deaths)
WHERE person_id IS NOT NULL
GROUP BY person_id;
INSERT OR REPLACE INTO person_parts_state(only, batch_id)
SELECT 1, ifnull(max(batch_id), 0) FROM import_batches;
