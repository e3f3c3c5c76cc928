-- schema_records_seizures.sql — migration "records-seizures-1": the feeds record_queries
-- (犯罪记录查询, model JUV-01) and seizures (涉案财物查封、扣押、冻结, models ENT-01 … ENT-03)
-- of feeds.md "Feeds of version 2", with the conventions of schema_feeds.sql.

CREATE TABLE record_queries (
    query_id       TEXT PRIMARY KEY,
    id_number      TEXT NOT NULL,
    requester_kind TEXT NOT NULL,
    requester      TEXT,
    query_date     TEXT NOT NULL,
    provided       INTEGER NOT NULL,
    legal_basis    TEXT,
    answered_by    TEXT NOT NULL REFERENCES facilities(facility_id),
    extra TEXT, batch_id INTEGER
);
CREATE INDEX record_queries_id_number ON record_queries(id_number, query_date);

CREATE TABLE seizures (
    seizure_id     TEXT PRIMARY KEY,
    agency_id      TEXT NOT NULL REFERENCES facilities(facility_id),
    case_ref       TEXT NOT NULL,
    measure        TEXT NOT NULL,
    owner_kind     TEXT NOT NULL,
    owner_name     TEXT NOT NULL,
    owner_code     TEXT,
    owner_region   TEXT,
    party          INTEGER NOT NULL,
    seized_date    TEXT NOT NULL,
    value_fen      INTEGER NOT NULL,
    amount_involved_fen INTEGER,
    local_assist   INTEGER,
    unrelated_date TEXT,
    case_closed_date TEXT,
    released_date  TEXT,
    disposition    TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX seizures_agency ON seizures(agency_id, seized_date);
CREATE INDEX seizures_owner ON seizures(owner_kind, owner_code);
