-- schema_documents.sql — migration "documents-1" (docs/documents.md, issue 18).
-- situation: what the document answers (general, proposal, ruling, temp_decision), which
-- fixes its legal basis and deadline; charge: an investigation's duty crime.
ALTER TABLE measures ADD COLUMN situation TEXT;
ALTER TABLE measures ADD COLUMN charge TEXT;
CREATE INDEX measures_parent ON measures(parent_measure_id) WHERE parent_measure_id IS NOT NULL;
