-- schema_library.sql — migration "library-1": the case library (典型案例库,
-- docs/case-library.md). A typical case is drafted, anonymised, from a supervision case
-- closed with a correction; its author edits and publishes it. One per source case.
CREATE TABLE typical_cases (
    tc_id        INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL UNIQUE REFERENCES cases(case_id),
    facility_id  TEXT,                    -- the source case's, for the scope of drafts
    region_code  TEXT,
    status       TEXT NOT NULL DEFAULT 'draft',  -- draft, published, withdrawn
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,           -- 基本案情
    practice     TEXT NOT NULL,           -- 检察履职情况
    significance TEXT NOT NULL,           -- 典型意义
    model_id     TEXT,                    -- tag: the model that raised the lead
    area         TEXT,                    -- tag: 监督领域 (Chinese label of the family)
    articles     TEXT NOT NULL DEFAULT '', -- tag: articles cited, '；'-separated
    keywords     TEXT NOT NULL DEFAULT '', -- tag: free keywords, '；'-separated
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    published_at TEXT,
    published_by TEXT
);
CREATE INDEX typical_cases_model ON typical_cases(model_id, status);

-- Full text over title, summary and tags. The trigram tokenizer indexes every three
-- characters, so Chinese needs no word segmentation; terms of one or two characters are
-- matched with LIKE over the same table (library.c).
CREATE VIRTUAL TABLE typical_cases_fts USING fts5(title, summary, tags, tokenize = 'trigram');

CREATE TRIGGER typical_cases_fts_ins AFTER INSERT ON typical_cases BEGIN
    INSERT INTO typical_cases_fts(rowid, title, summary, tags)
    VALUES (new.tc_id, new.title, new.summary,
            coalesce(new.model_id, '') || ' ' || coalesce(new.area, '') || ' ' || new.articles
            || ' ' || new.keywords);
END;
CREATE TRIGGER typical_cases_fts_upd AFTER UPDATE ON typical_cases BEGIN
    DELETE FROM typical_cases_fts WHERE rowid = old.tc_id;
    INSERT INTO typical_cases_fts(rowid, title, summary, tags)
    VALUES (new.tc_id, new.title, new.summary,
            coalesce(new.model_id, '') || ' ' || coalesce(new.area, '') || ' ' || new.articles
            || ' ' || new.keywords);
END;
CREATE TRIGGER typical_cases_fts_del AFTER DELETE ON typical_cases BEGIN
    DELETE FROM typical_cases_fts WHERE rowid = old.tc_id;
END;

-- Every change of a typical case: who, when, what (append-only).
CREATE TABLE typical_case_history (
    id           INTEGER PRIMARY KEY,
    tc_id        INTEGER NOT NULL REFERENCES typical_cases(tc_id),
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,           -- propose, edit, publish, withdraw
    note         TEXT
);
CREATE TRIGGER typical_case_history_no_update BEFORE UPDATE ON typical_case_history
BEGIN SELECT RAISE(ABORT, 'typical_case_history is append-only'); END;
CREATE TRIGGER typical_case_history_no_delete BEFORE DELETE ON typical_case_history
BEGIN SELECT RAISE(ABORT, 'typical_case_history is append-only'); END;
