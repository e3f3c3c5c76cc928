-- schema_web.sql — migration "web-1": accounts, sessions and the audit log of the web
-- application (spec/workflow.md "Accounts, scope and audit"), and the columns the lead
-- workflow needs beyond schema_leads.sql.

-- role: resident (派驻检察官), inspector (巡回检察), analyst (模型管理), leader (领导), admin.
-- scope_kind: country | region (scope_value = region code prefix) | facility (facility_id).
CREATE TABLE accounts (
    account_id   INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL,
    scope_kind   TEXT NOT NULL,
    scope_value  TEXT,
    password_hash TEXT NOT NULL,          -- Argon2id (libsodium crypto_pwhash_str)
    disabled     INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until INTEGER NOT NULL DEFAULT 0,   -- unix seconds; login refused before it
    created_at   TEXT NOT NULL
);

-- token_hash: hex BLAKE2b of the cookie token, so a copy of the database opens no session.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(account_id),
    csrf         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_account ON sessions(account_id);

-- Append-only, chained: hash = hex BLAKE2b-256(prev_hash || canonical entry), where the
-- canonical entry is seq, at, actor, action, object, detail joined by U+001F.
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,           -- login, login_failed, logout, read_person, export, change, account
    object       TEXT NOT NULL,
    detail       TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Verification notes of a lead (调查核实).
ALTER TABLE leads ADD COLUMN verify_note TEXT;
CREATE INDEX leads_first_seen ON leads(first_seen);
CREATE INDEX measures_reply ON measures(reply_deadline, reply_date);
CREATE INDEX cases_lead ON cases(lead_id);
-- Covering indexes of the leads list (workflow.c leads_page): one per scope kind, holding
-- every filter column, so a page is chosen without reading the large rows.
CREATE INDEX leads_list_facility ON leads(facility_id, status, severity, model_id, family,
                                          region_code, first_seen);
CREATE INDEX leads_list_region ON leads(region_code, status, severity, model_id, family,
                                        facility_id, first_seen);
CREATE INDEX leads_list_all ON leads(status, severity, model_id, family, facility_id,
                                     region_code, first_seen);
