-- schema_docs.sql — migration "docs-1": the review queue of court documents
-- (docs/documents-intake.md). A document is kept as received (content) with its text and
-- what was extracted from it; nothing reaches the feed tables until a person confirms it.
CREATE TABLE doc_intake (
    doc_id       INTEGER PRIMARY KEY,
    file         TEXT NOT NULL,              -- the name it was uploaded or imported under
    format       TEXT NOT NULL,              -- docx, pdf, txt
    encoding     TEXT,                       -- txt: UTF-8, UTF-16, GB18030
    sha256       TEXT NOT NULL UNIQUE,       -- the same document is queued once
    size         INTEGER NOT NULL,
    content      BLOB NOT NULL,              -- the document as received
    text         TEXT NOT NULL,              -- its text (doc_text)
    kind         TEXT,                       -- judgment, commutation, parole, temp_outside
    case_no      TEXT,
    extracted    TEXT NOT NULL,              -- JSON of doc_extract
    reviewed     TEXT,                       -- the JSON as confirmed (with corrections)
    corrections  TEXT,                       -- JSON {path: {"from": v, "to": v}}
    status       TEXT NOT NULL DEFAULT 'pending', -- pending, confirmed, discarded
    facility_id  TEXT,                       -- the facility it concerns, for scope checks
    region_code  TEXT,
    uploaded_by  TEXT NOT NULL,
    uploaded_at  TEXT NOT NULL,
    reviewed_by  TEXT,
    reviewed_at  TEXT,
    note         TEXT
);
CREATE INDEX doc_intake_status ON doc_intake(status, doc_id);
CREATE INDEX doc_intake_region ON doc_intake(region_code);

-- The rows a confirmed document wrote or was linked to (an existing row of the same
-- judgment or change is linked, not written twice).
CREATE TABLE doc_rows (
    doc_id       INTEGER NOT NULL REFERENCES doc_intake(doc_id),
    person_index INTEGER NOT NULL,
    feed         TEXT NOT NULL,              -- persons, judgments, sentence_changes
    record_key   TEXT NOT NULL,
    written      INTEGER NOT NULL,           -- 1 written from the document, 0 linked
    PRIMARY KEY (doc_id, person_index, feed)
);
CREATE INDEX doc_rows_record ON doc_rows(feed, record_key);

-- Matching a document's person without an id number: name and birth date.
CREATE INDEX IF NOT EXISTS persons_name_birth ON persons(name, birth_date);
