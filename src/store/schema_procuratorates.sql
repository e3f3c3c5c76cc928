-- schema_procuratorates.sql — migration "procuratorates-1" (docs/documents.md, issue 18).
-- The procuratorates that send documents, the account's procuratorate, the numbers of the
-- documents (per procuratorate, per year, per kind, without gaps) and the history of every
-- version of a measure's document.

-- level: supreme 最高人民检察院, provincial 省级, municipal 市级（分院）, basic 基层.
-- reply_days: the reply period this procuratorate asks of a correction notice (local
-- practice, not law: 15 unless set).
CREATE TABLE procuratorates (
    procuratorate_id TEXT PRIMARY KEY,
    name         TEXT NOT NULL,           -- full name: 江苏省南京市玄武区人民检察院
    short_name   TEXT NOT NULL,           -- the prefix of its numbers: 宁玄检
    level        TEXT NOT NULL,
    region_code  TEXT NOT NULL,
    parent_id    TEXT REFERENCES procuratorates(procuratorate_id),
    reply_days   INTEGER NOT NULL DEFAULT 15,
    created_at   TEXT NOT NULL
);
CREATE INDEX procuratorates_region ON procuratorates(region_code);

ALTER TABLE accounts ADD COLUMN procuratorate_id TEXT REFERENCES procuratorates(procuratorate_id);

-- The last number given per procuratorate ('' when the measure has none), year and kind
-- (纠违, 检建 …); taken in the transaction that issues the document, so a rollback leaves
-- no gap.
CREATE TABLE document_numbers (
    procuratorate_id TEXT NOT NULL,
    year         INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    last         INTEGER NOT NULL,
    PRIMARY KEY (procuratorate_id, year, kind)
) WITHOUT ROWID;

ALTER TABLE measures ADD COLUMN procuratorate_id TEXT REFERENCES procuratorates(procuratorate_id);
ALTER TABLE measures ADD COLUMN doc_year INTEGER;     -- year of the number, set on issue
ALTER TABLE measures ADD COLUMN doc_seq INTEGER;      -- the number within that year and kind
ALTER TABLE measures ADD COLUMN issued_date TEXT;     -- 签发: the number is given, the date set
ALTER TABLE measures ADD COLUMN parent_measure_id INTEGER REFERENCES measures(measure_id);
CREATE UNIQUE INDEX measures_number ON measures(procuratorate_id, doc_year, kind, doc_seq)
    WHERE doc_seq IS NOT NULL;

-- Every version of a measure's document: the draft (version 1) and each edit, who and when.
CREATE TABLE measure_documents (
    measure_id   INTEGER NOT NULL REFERENCES measures(measure_id),
    version      INTEGER NOT NULL,
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL,
    action       TEXT NOT NULL,           -- draft, edit, issue
    document     TEXT NOT NULL,
    PRIMARY KEY (measure_id, version)
) WITHOUT ROWID;
