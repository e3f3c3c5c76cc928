-- schema_leads.sql — migration "leads-1": leads, screenings, cases and measures
-- (spec/models.md, spec/workflow.md). Lead identity is (model_id, subject).

CREATE TABLE screenings (
    screening_id INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    as_of        TEXT NOT NULL,
    full_run     INTEGER NOT NULL,     -- 1: every person; 0: changed persons only
    models       TEXT,                 -- ids run, ';'-separated, NULL = all
    persons      INTEGER NOT NULL DEFAULT 0,
    leads_new    INTEGER NOT NULL DEFAULT 0,
    leads_open   INTEGER NOT NULL DEFAULT 0,
    leads_resolved INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE leads (
    lead_id      INTEGER PRIMARY KEY,
    model_id     TEXT NOT NULL,
    subject      TEXT NOT NULL,
    person_id    TEXT,
    facility_id  TEXT,
    region_code  TEXT,
    family       TEXT,
    severity     TEXT NOT NULL,           -- high, medium, low
    -- open → assigned → verifying → case | dismissed; resolved = resolved by data
    status       TEXT NOT NULL DEFAULT 'open',
    first_seen   TEXT NOT NULL,           -- as-of date of the screening that first raised it
    last_seen    TEXT NOT NULL,
    resolved_date TEXT,                   -- when the condition stopped holding (by data)
    summary      TEXT NOT NULL,
    evidence     TEXT NOT NULL,           -- JSON object
    evidence_hash TEXT NOT NULL,          -- hex hash of evidence; a dismissed lead reopens when it changes
    basis        TEXT NOT NULL,           -- rule ids and articles, e.g. 'C-01 减刑假释规定第6条'
    source       TEXT NOT NULL DEFAULT 'model',  -- model | complaint | inspection | talk | manual
    assignee     TEXT,
    dismiss_reason TEXT,
    screening_id INTEGER,
    UNIQUE (model_id, subject)
);
CREATE INDEX leads_person ON leads(person_id);
CREATE INDEX leads_facility ON leads(facility_id, status);
CREATE INDEX leads_region ON leads(region_code, status);
CREATE INDEX leads_status ON leads(status, model_id);

-- Every change of a lead's state: who, when, why (append-only).
CREATE TABLE lead_history (
    id           INTEGER PRIMARY KEY,
    lead_id      INTEGER NOT NULL REFERENCES leads(lead_id),
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,           -- account name, or 'screening'
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    note         TEXT
);
CREATE INDEX lead_history_lead ON lead_history(lead_id);
CREATE TRIGGER lead_history_no_update BEFORE UPDATE ON lead_history
BEGIN SELECT RAISE(ABORT, 'lead_history is append-only'); END;
CREATE TRIGGER lead_history_no_delete BEFORE DELETE ON lead_history
BEGIN SELECT RAISE(ABORT, 'lead_history is append-only'); END;

CREATE TABLE cases (
    case_id      INTEGER PRIMARY KEY,
    lead_id      INTEGER REFERENCES leads(lead_id),
    title        TEXT NOT NULL,
    person_id    TEXT,
    facility_id  TEXT,
    region_code  TEXT,
    family       TEXT,                    -- area: delivery, changes, community, property, custody, political
    status       TEXT NOT NULL DEFAULT 'open',   -- open, closed
    opened_at    TEXT NOT NULL,
    opened_by    TEXT NOT NULL,
    closed_at    TEXT,
    note         TEXT
);
CREATE INDEX cases_facility ON cases(facility_id);
CREATE INDEX cases_region ON cases(region_code);

CREATE TABLE case_history (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(case_id),
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,
    note         TEXT
);
CREATE TRIGGER case_history_no_update BEFORE UPDATE ON case_history
BEGIN SELECT RAISE(ABORT, 'case_history is append-only'); END;
CREATE TRIGGER case_history_no_delete BEFORE DELETE ON case_history
BEGIN SELECT RAISE(ABORT, 'case_history is append-only'); END;

-- Measures (workflow.md): correction_notice 纠正违法通知书, suggestion 检察建议,
-- hearing 检察听证, transfer 移送检察侦查, objection 对减刑假释裁定的纠正意见 (20 days).
CREATE TABLE measures (
    measure_id   INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(case_id),
    kind         TEXT NOT NULL,
    recipient_id TEXT,                    -- facility the measure goes to
    received_date TEXT,                   -- objection: date the ruling was received
    due_date     TEXT,                    -- objection: last day to send (received + 20)
    sent_date    TEXT,
    reply_deadline TEXT,                  -- sent + 15 days (cfg) for a correction notice
    reply_date   TEXT,
    reply        TEXT,
    corrected    INTEGER,                 -- 整改到位
    document     TEXT,                    -- the edited document (HTML body)
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX measures_case ON measures(case_id);
CREATE INDEX measures_kind ON measures(kind, sent_date);
