-- schema_safety.sql — migration "safety-1": the custody-safety feeds of version 2
-- (spec/feeds.md "Feeds of version 2": incidents, incident_persons, labour, release_prep),
-- with the conventions of schema_feeds.sql (dates TEXT, enums as English ids, extra, batch_id).

CREATE TABLE incidents (
    incident_id      TEXT PRIMARY KEY,
    facility_id      TEXT NOT NULL REFERENCES facilities(facility_id),
    incident_date    TEXT NOT NULL,
    kind             TEXT NOT NULL,
    injury           TEXT,            -- NULL = none
    item             TEXT,
    source           TEXT,
    cell_id          TEXT,
    officer_id       TEXT,
    case_filed_date  TEXT,
    transferred_date TEXT,
    summary          TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX incidents_facility ON incidents(facility_id, incident_date);
CREATE INDEX incidents_kind ON incidents(kind, incident_date);

CREATE TABLE incident_persons (
    record_id    TEXT PRIMARY KEY,
    incident_id  TEXT NOT NULL REFERENCES incidents(incident_id),
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    role         TEXT NOT NULL,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX incident_persons_person ON incident_persons(person_id, incident_id);
CREATE INDEX incident_persons_incident ON incident_persons(incident_id, role, person_id);

CREATE TABLE labour (
    record_id    TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    facility_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    month        TEXT NOT NULL,       -- 'YYYY-MM'
    hours        INTEGER NOT NULL,
    rest_days    INTEGER NOT NULL,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX labour_person ON labour(person_id, month);

CREATE TABLE release_prep (
    record_id       TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL REFERENCES persons(person_id),
    facility_id     TEXT NOT NULL REFERENCES facilities(facility_id),
    kind            TEXT NOT NULL,
    event_date      TEXT NOT NULL,
    receiver_region TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX release_prep_person ON release_prep(person_id, kind, event_date);
