-- schema_office.sql — migration "office-1": circuit inspections (巡回检察), the inspector
-- pool (巡回检察人才库), the resident office (派驻检察: daily log, talks 谈话, meetings
-- requested by detainees 约见, mailbox letters 检察官信箱) and complaints (控告/举报/申诉)
-- with their append-only history (spec/workflow.md). Dates TEXT 'YYYY-MM-DD',
-- timestamps 'YYYY-MM-DDTHH:MM:SSZ', enums English ids (glossary.md).

-- The inspector pool: procurators who can be sent on circuit inspections.
CREATE TABLE inspectors (
    inspector_id TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    home_region  TEXT NOT NULL,          -- 6-digit region_code of the home procuratorate
    active       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX inspectors_province ON inspectors(substr(home_region, 1, 2));

-- Specialities: delivery, changes, community, property, custody, political, medical,
-- finance, duty (职务犯罪侦查) — the same ids as an inspection's focus.
CREATE TABLE inspector_specialities (
    inspector_id TEXT NOT NULL REFERENCES inspectors(inspector_id),
    speciality   TEXT NOT NULL,
    PRIMARY KEY (inspector_id, speciality)
) WITHOUT ROWID;

-- Inspection plans: kind routine 常规 / special 专门 / mobile 机动 / cross 交叉.
CREATE TABLE inspections (
    inspection_id INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('routine', 'special', 'mobile', 'cross')),
    facility_id  TEXT NOT NULL,
    region_code  TEXT,                   -- the facility's, copied for scope filtering
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL,
    focus        TEXT,                   -- ';'-separated speciality ids the team must cover
    status       TEXT NOT NULL DEFAULT 'planned',  -- planned, ongoing, done
    summary      TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX inspections_facility ON inspections(facility_id, start_date);
CREATE INDEX inspections_region ON inspections(region_code, start_date);

CREATE TABLE inspection_members (
    inspection_id INTEGER NOT NULL REFERENCES inspections(inspection_id),
    inspector_id TEXT NOT NULL REFERENCES inspectors(inspector_id),
    role         TEXT NOT NULL DEFAULT 'member',   -- leader, member
    PRIMARY KEY (inspection_id, inspector_id)
) WITHOUT ROWID;
CREATE INDEX inspection_members_inspector ON inspection_members(inspector_id);

-- Findings of an inspection are leads (leads.source = 'inspection'); this links them.
CREATE TABLE inspection_findings (
    inspection_id INTEGER NOT NULL REFERENCES inspections(inspection_id),
    lead_id      INTEGER NOT NULL REFERENCES leads(lead_id),
    PRIMARY KEY (inspection_id, lead_id)
) WITHOUT ROWID;

-- Resident office daily log (派驻检察工作日志).
CREATE TABLE office_log (
    log_id       INTEGER PRIMARY KEY,
    facility_id  TEXT NOT NULL,
    log_date     TEXT NOT NULL,
    author       TEXT NOT NULL,
    content      TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX office_log_facility ON office_log(facility_id, log_date);

-- Talks with detainees (谈话): kind admission 入监, release 出监, routine 日常,
-- discipline 禁闭/戒具, change 减假暂, other.
CREATE TABLE talks (
    talk_id      INTEGER PRIMARY KEY,
    facility_id  TEXT NOT NULL,
    person_id    TEXT,
    talk_date    TEXT NOT NULL,
    kind         TEXT NOT NULL DEFAULT 'routine',
    procurator   TEXT NOT NULL,
    content      TEXT NOT NULL,
    lead_id      INTEGER REFERENCES leads(lead_id),
    created_at   TEXT NOT NULL
);
CREATE INDEX talks_facility ON talks(facility_id, talk_date);

-- Meetings requested by detainees (约见检察官).
CREATE TABLE meetings (
    meeting_id   INTEGER PRIMARY KEY,
    facility_id  TEXT NOT NULL,
    person_id    TEXT,
    requested_date TEXT NOT NULL,
    held_date    TEXT,
    procurator   TEXT,
    content      TEXT NOT NULL,
    lead_id      INTEGER REFERENCES leads(lead_id),
    complaint_id INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX meetings_facility ON meetings(facility_id, requested_date);

-- Mailbox letters (检察官信箱). status: received, complaint (became one), lead, filed.
CREATE TABLE letters (
    letter_id    INTEGER PRIMARY KEY,
    facility_id  TEXT NOT NULL,
    person_id    TEXT,
    received_date TEXT NOT NULL,
    content      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'received',
    complaint_id INTEGER,
    lead_id      INTEGER REFERENCES leads(lead_id),
    handled_by   TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX letters_facility ON letters(facility_id, received_date);

-- Complaints: kind accusation 控告 / report 举报 / petition 申诉; channel letter, visit,
-- phone, online, talk, meeting; topic sentence_length, recidivism, change, custody,
-- community, property, political, other. status received → routed → closed.
-- deadline: the last day to answer the result (cfg: 3 months after receipt).
CREATE TABLE complaints (
    complaint_id INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('accusation', 'report', 'petition')),
    channel      TEXT NOT NULL,
    topic        TEXT NOT NULL DEFAULT 'other',
    person_id    TEXT,
    complainant  TEXT,
    facility_id  TEXT,
    region_code  TEXT,
    content      TEXT NOT NULL,
    received_date TEXT NOT NULL,
    ack_due      TEXT NOT NULL,          -- 7 days: procedural reply (cfg)
    deadline     TEXT NOT NULL,
    assignee     TEXT,
    status       TEXT NOT NULL DEFAULT 'received',
    outcome      TEXT,
    outcome_date TEXT,
    corrected    INTEGER,                -- the complaint led to a correction (1) or not (0)
    letter_id    INTEGER REFERENCES letters(letter_id),
    lead_id      INTEGER REFERENCES leads(lead_id),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX complaints_region ON complaints(region_code, received_date);
CREATE INDEX complaints_person ON complaints(person_id);

CREATE TABLE complaint_history (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints(complaint_id),
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    note         TEXT
);
CREATE INDEX complaint_history_complaint ON complaint_history(complaint_id);
CREATE TRIGGER complaint_history_no_update BEFORE UPDATE ON complaint_history
BEGIN SELECT RAISE(ABORT, 'complaint_history is append-only'); END;
CREATE TRIGGER complaint_history_no_delete BEFORE DELETE ON complaint_history
BEGIN SELECT RAISE(ABORT, 'complaint_history is append-only'); END;
