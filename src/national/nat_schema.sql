-- nat_schema.sql — national migration "national-1" (PostgreSQL 15, docs/national.md):
-- the tables of the national tier itself. The mirrored provincial tables (persons,
-- judgments, leads, cases, …) are created by `national init` from the province's schema.
CREATE SCHEMA IF NOT EXISTS nat;

-- Registered provinces: layout 'local' (partitions in this database, filled by publish)
-- or 'foreign' (partitions are postgres_fdw foreign tables on the province's server).
CREATE TABLE nat.provinces (
    province     text PRIMARY KEY CHECK (province ~ '^[1-6][0-9]$'),
    name         text NOT NULL,
    layout       text NOT NULL DEFAULT 'local' CHECK (layout IN ('local', 'foreign')),
    server       text
);

-- Per province and table: the watermark of the last publish (NAT_BATCH: the largest
-- batch_id sent; NAT_OUTBOX: the largest nat_outbox seq sent), written in the same
-- transaction as the table's rows, so a killed publish leaves both as before.
CREATE TABLE nat.publish_state (
    province     text NOT NULL,
    tbl          text NOT NULL,
    watermark    bigint NOT NULL,
    signature    text,
    rows_sent    bigint NOT NULL DEFAULT 0,
    published_at timestamptz NOT NULL DEFAULT now()
) PARTITION BY LIST (province);

-- Leads of the national models, going back to the province concerned (subject = the
-- province's own key, person_id = the province's person).
CREATE TABLE nat.national_leads (
    province     text NOT NULL,
    model_id     text NOT NULL,
    subject      text NOT NULL,
    person_id    text,
    facility_id  text,
    region_code  text,
    family       text,
    severity     text NOT NULL,
    status       text NOT NULL DEFAULT 'open',  -- open, resolved
    first_seen   text NOT NULL,
    last_seen    text NOT NULL,
    resolved_date text,
    summary      text NOT NULL,
    evidence     text NOT NULL,
    basis        text NOT NULL,
    screening_id bigint
) PARTITION BY LIST (province);

CREATE TABLE nat.screenings (
    screening_id bigserial PRIMARY KEY,
    started_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    as_of        text NOT NULL,
    leads_new    bigint NOT NULL DEFAULT 0,
    leads_open   bigint NOT NULL DEFAULT 0,
    leads_resolved bigint NOT NULL DEFAULT 0
);

-- The law core's charge table (law.md §8), filled by `national init` from the program.
CREATE TABLE nat.charges (
    name         text PRIMARY KEY,
    categories   text NOT NULL     -- 'violent,duty' …
);
CREATE TABLE nat.charge_categories (
    id           text PRIMARY KEY  -- violent, duty, financial, …
);
