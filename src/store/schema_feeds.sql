-- schema_feeds.sql — migration "feeds-1": one table per feed of spec/feeds.md.
-- Conventions (every module relies on them):
--   * table name = feed name; column names = feeds.md column names;
--   * dates are TEXT 'YYYY-MM-DD' (months 'YYYY-MM'), empty input stored as NULL;
--   * booleans INTEGER 0/1 (NULL = unknown); enums stored as the English identifier;
--   * money stored as INTEGER fen (分) in columns suffixed _fen (amount_due_fen, amount_fen);
--   * `extra` holds unknown columns of the row as a JSON object text (NULL when none);
--   * `batch_id` is the import batch that wrote the current version of the row.
-- The previous version of a replaced row goes to `history`.

CREATE TABLE import_batches (
    batch_id     INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: rows name their batch
    started_at   TEXT NOT NULL,           -- UTC timestamp 'YYYY-MM-DDTHH:MM:SSZ'
    finished_at  TEXT,
    os_user      TEXT,
    dir          TEXT,
    file         TEXT NOT NULL,
    feed         TEXT NOT NULL,
    sha256       TEXT,
    encoding     TEXT,
    as_of        TEXT,
    rows_read    INTEGER NOT NULL DEFAULT 0,
    loaded       INTEGER NOT NULL DEFAULT 0,   -- new keys
    replaced     INTEGER NOT NULL DEFAULT 0,   -- existing keys with changed content
    unchanged    INTEGER NOT NULL DEFAULT 0,   -- existing keys, same content
    rejected     INTEGER NOT NULL DEFAULT 0,
    header       TEXT                          -- the file's header row (UTF-8), for --retry-rejects
);

CREATE TABLE rejects (
    reject_id    INTEGER PRIMARY KEY,
    batch_id     INTEGER NOT NULL REFERENCES import_batches(batch_id),
    feed         TEXT NOT NULL,
    file         TEXT NOT NULL,
    line         INTEGER NOT NULL,
    column_name  TEXT,
    reason       TEXT NOT NULL,
    record_key   TEXT,
    pending_ref  INTEGER NOT NULL DEFAULT 0,  -- 1: 'unknown reference', retried by --retry-rejects
    raw          TEXT NOT NULL                -- the row verbatim (UTF-8), without the line end
);
CREATE INDEX rejects_feed ON rejects(feed, file, line);

CREATE TABLE history (
    history_id   INTEGER PRIMARY KEY,
    feed         TEXT NOT NULL,
    record_key   TEXT NOT NULL,
    batch_id     INTEGER NOT NULL,   -- batch that replaced the row
    old_batch_id INTEGER,            -- batch that had written the old version
    old_row      TEXT NOT NULL       -- JSON object of the old version's columns
);
CREATE INDEX history_key ON history(feed, record_key);

-- Persons whose data changed since the last screening (filled by import, consumed by screen).
CREATE TABLE changed_persons (
    person_id TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE facilities (
    facility_id  TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    designated   INTEGER,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX facilities_region ON facilities(region_code);

CREATE TABLE staff (
    officer_id   TEXT PRIMARY KEY,
    name         TEXT,
    facility_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    role         TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX staff_facility ON staff(facility_id);

CREATE TABLE persons (
    person_id    TEXT PRIMARY KEY,
    id_number    TEXT,
    name         TEXT NOT NULL,
    gender       TEXT,
    birth_date   TEXT NOT NULL,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX persons_id_number ON persons(id_number);

CREATE TABLE judgments (
    judgment_id  TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    case_no      TEXT NOT NULL,
    court_id     TEXT NOT NULL REFERENCES facilities(facility_id),
    charges      TEXT NOT NULL,
    offense_date TEXT NOT NULL,
    judgment_date TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    notice_date  TEXT,
    penalty      TEXT NOT NULL,
    term_months  INTEGER,
    term_days    INTEGER,
    probation_months INTEGER,
    dpr_months   INTEGER,
    dpr_life     INTEGER,
    recidivist   INTEGER,
    limited_commutation INTEGER,
    flags        TEXT,
    term_start   TEXT,
    term_end     TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX judgments_person ON judgments(person_id, effective_date);
CREATE INDEX judgments_case ON judgments(case_no);

CREATE TABLE custody (
    event_id     TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    facility_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    event_type   TEXT NOT NULL,
    event_date   TEXT NOT NULL,
    judgment_id  TEXT REFERENCES judgments(judgment_id),
    note         TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX custody_person ON custody(person_id, event_date);
CREATE INDEX custody_facility ON custody(facility_id, event_date);

CREATE TABLE medical (
    exam_id      TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    hospital_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    exam_date    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    disease      TEXT NOT NULL,
    severe_list_item TEXT,
    physician    TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX medical_person ON medical(person_id, exam_date);

CREATE TABLE sentence_changes (
    change_id    TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    judgment_id  TEXT NOT NULL REFERENCES judgments(judgment_id),
    kind         TEXT NOT NULL,
    proposer_id  TEXT REFERENCES facilities(facility_id),
    proposal_date TEXT,
    decider_id   TEXT NOT NULL REFERENCES facilities(facility_id),
    decision_date TEXT NOT NULL,
    effective_date TEXT,
    grounds      TEXT,
    reduction_months INTEGER,
    reduction_days INTEGER,
    new_penalty  TEXT,
    new_term_months INTEGER,
    exam_id      TEXT REFERENCES medical(exam_id),
    points       INTEGER,
    leniency     TEXT,
    officer_id   TEXT,
    note         TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX sentence_changes_person ON sentence_changes(person_id, decision_date);
CREATE INDEX sentence_changes_officer ON sentence_changes(officer_id);

CREATE TABLE scores (
    score_id     TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    facility_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    month        TEXT NOT NULL,
    base_points  INTEGER NOT NULL,
    bonus_points INTEGER,
    penalty_points INTEGER,
    officer_id   TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX scores_person ON scores(person_id, month);
CREATE INDEX scores_facility ON scores(facility_id, month);

CREATE TABLE merits (
    merit_id     TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    facility_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    kind         TEXT NOT NULL,
    category     TEXT NOT NULL,
    event_date   TEXT NOT NULL,
    confirmed_date TEXT,
    related_case_no TEXT,
    officer_id   TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX merits_person ON merits(person_id, event_date);
CREATE INDEX merits_related ON merits(related_case_no);

CREATE TABLE corrections (
    cc_id        TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    agency_id    TEXT NOT NULL REFERENCES facilities(facility_id),
    basis        TEXT NOT NULL,
    judgment_id  TEXT REFERENCES judgments(judgment_id),
    change_id    TEXT REFERENCES sentence_changes(change_id),
    order_date   TEXT NOT NULL,
    report_date  TEXT,
    start_date   TEXT,
    end_date     TEXT,
    status       TEXT NOT NULL,
    status_date  TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX corrections_person ON corrections(person_id);

CREATE TABLE cc_events (
    event_id     TEXT PRIMARY KEY,
    cc_id        TEXT NOT NULL REFERENCES corrections(cc_id),
    event_date   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    region_code  TEXT,
    detail       TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX cc_events_cc ON cc_events(cc_id, event_date);

CREATE TABLE voters (
    record_id    TEXT PRIMARY KEY,
    id_number    TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    election_date TEXT NOT NULL,
    registered   INTEGER,
    voted        INTEGER,
    candidate    INTEGER,
    elected      INTEGER,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX voters_id_number ON voters(id_number, election_date);

CREATE TABLE property (
    enforcement_id TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    judgment_id  TEXT NOT NULL REFERENCES judgments(judgment_id),
    court_id     TEXT NOT NULL REFERENCES facilities(facility_id),
    kind         TEXT NOT NULL,
    amount_due_fen INTEGER NOT NULL,
    filed_date   TEXT NOT NULL,
    last_action_date TEXT,
    status       TEXT NOT NULL,
    status_date  TEXT,
    investigated INTEGER,
    unable       INTEGER,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX property_person ON property(person_id);

CREATE TABLE payments (
    payment_id   TEXT PRIMARY KEY,
    enforcement_id TEXT NOT NULL REFERENCES property(enforcement_id),
    pay_date     TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL,
    payer        TEXT NOT NULL,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX payments_enforcement ON payments(enforcement_id, pay_date);

CREATE TABLE cells (
    assignment_id TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    facility_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    cell_id      TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    end_date     TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX cells_person ON cells(person_id, start_date);
CREATE INDEX cells_cell ON cells(facility_id, cell_id, start_date);

CREATE TABLE restraints (
    record_id    TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    facility_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    kind         TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    end_date     TEXT,
    officer_id   TEXT,
    reason       TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX restraints_person ON restraints(person_id, start_date);

CREATE TABLE deaths (
    person_id    TEXT PRIMARY KEY REFERENCES persons(person_id),
    facility_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    death_date   TEXT NOT NULL,
    cause        TEXT NOT NULL,
    reported_date TEXT,
    autopsy      INTEGER,
    extra TEXT, batch_id INTEGER
);

CREATE TABLE activities (
    record_id    TEXT PRIMARY KEY,
    id_number    TEXT NOT NULL,
    activity_date TEXT NOT NULL,
    kind         TEXT NOT NULL,
    region_code  TEXT,
    source       TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX activities_id_number ON activities(id_number, activity_date);
