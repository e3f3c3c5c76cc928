-- schema_person_parts.sql — migration "person-parts-1": which of the feed tables that hold
-- rows for few persons a person may have rows in (issue 15, src/store/presence.h). An
-- incremental screening seeks each changed person in every feed table its models read,
-- and a seek reads the leaf where the person's rows would be whether there are any or
-- not; with these bits its cursors leave out the persons a table holds nothing for.
-- A bit set means "may have rows" (a row moved to another person leaves it set); a bit
-- clear means none; a person with no row here is unknown, sought in every table. The
-- import keeps it (feed_store_changed_persons, in each batch's transaction): the persons
-- batch adds its new persons with no bit, a batch of one of these tables sets its
-- persons' bit. The bits are stored: never renumber them (presence.h).
CREATE TABLE IF NOT EXISTS person_parts (
    person_id TEXT PRIMARY KEY,
    parts     INTEGER NOT NULL
) WITHOUT ROWID;
-- The bits are built from the tables by the next migration, person-parts-2, whose file the
-- import runs again when it finds them stale (feed_store.c, presence_mark). This file built
-- them too until the session that added person-parts-2 (never released): a database that
-- applied that version has them built twice, to the same end.
