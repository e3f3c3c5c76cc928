-- schema_national.sql — migration "national-1": what `zhijian publish` needs on the
-- province's side (docs/national.md). The feed tables carry batch_id, so the national
-- side's watermark per table (nat.publish_state) finds their changed rows; the workflow
-- tables have no such column, so every insert, update and delete of one of them appends
-- its key here (composite keys joined by char(31)). publish sends the rows of the keys
-- after the table's watermark and removes the entries the national side has.
CREATE TABLE nat_outbox (
    seq  INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: watermarks compare with it
    tbl  TEXT NOT NULL,
    key  TEXT NOT NULL
);
CREATE INDEX nat_outbox_tbl ON nat_outbox(tbl, seq);

CREATE TRIGGER nat_leads_i AFTER INSERT ON leads BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('leads', NEW.lead_id); END;
CREATE TRIGGER nat_leads_u AFTER UPDATE ON leads BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('leads', NEW.lead_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'leads', OLD.lead_id WHERE OLD.lead_id IS NOT NEW.lead_id; END;
CREATE TRIGGER nat_leads_d AFTER DELETE ON leads BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('leads', OLD.lead_id); END;

CREATE TRIGGER nat_cases_i AFTER INSERT ON cases BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('cases', NEW.case_id); END;
CREATE TRIGGER nat_cases_u AFTER UPDATE ON cases BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('cases', NEW.case_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'cases', OLD.case_id WHERE OLD.case_id IS NOT NEW.case_id; END;
CREATE TRIGGER nat_cases_d AFTER DELETE ON cases BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('cases', OLD.case_id); END;

CREATE TRIGGER nat_measures_i AFTER INSERT ON measures BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('measures', NEW.measure_id); END;
CREATE TRIGGER nat_measures_u AFTER UPDATE ON measures BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('measures', NEW.measure_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'measures', OLD.measure_id WHERE OLD.measure_id IS NOT NEW.measure_id; END;
CREATE TRIGGER nat_measures_d AFTER DELETE ON measures BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('measures', OLD.measure_id); END;

CREATE TRIGGER nat_inspectors_i AFTER INSERT ON inspectors BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspectors', NEW.inspector_id); END;
CREATE TRIGGER nat_inspectors_u AFTER UPDATE ON inspectors BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspectors', NEW.inspector_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'inspectors', OLD.inspector_id WHERE OLD.inspector_id IS NOT NEW.inspector_id; END;
CREATE TRIGGER nat_inspectors_d AFTER DELETE ON inspectors BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspectors', OLD.inspector_id); END;

CREATE TRIGGER nat_inspector_specialities_i AFTER INSERT ON inspector_specialities BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspector_specialities', NEW.inspector_id || char(31) || NEW.speciality); END;
CREATE TRIGGER nat_inspector_specialities_d AFTER DELETE ON inspector_specialities BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspector_specialities', OLD.inspector_id || char(31) || OLD.speciality); END;
CREATE TRIGGER nat_inspector_specialities_u AFTER UPDATE ON inspector_specialities BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspector_specialities', OLD.inspector_id || char(31) || OLD.speciality);
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspector_specialities', NEW.inspector_id || char(31) || NEW.speciality); END;

CREATE TRIGGER nat_inspections_i AFTER INSERT ON inspections BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspections', NEW.inspection_id); END;
CREATE TRIGGER nat_inspections_u AFTER UPDATE ON inspections BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspections', NEW.inspection_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'inspections', OLD.inspection_id WHERE OLD.inspection_id IS NOT NEW.inspection_id; END;
CREATE TRIGGER nat_inspections_d AFTER DELETE ON inspections BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspections', OLD.inspection_id); END;

CREATE TRIGGER nat_inspection_members_i AFTER INSERT ON inspection_members BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspection_members', NEW.inspection_id || char(31) || NEW.inspector_id); END;
CREATE TRIGGER nat_inspection_members_u AFTER UPDATE ON inspection_members BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspection_members', OLD.inspection_id || char(31) || OLD.inspector_id);
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspection_members', NEW.inspection_id || char(31) || NEW.inspector_id); END;
CREATE TRIGGER nat_inspection_members_d AFTER DELETE ON inspection_members BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspection_members', OLD.inspection_id || char(31) || OLD.inspector_id); END;

CREATE TRIGGER nat_inspection_findings_i AFTER INSERT ON inspection_findings BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspection_findings', NEW.inspection_id || char(31) || NEW.lead_id); END;
CREATE TRIGGER nat_inspection_findings_u AFTER UPDATE ON inspection_findings BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspection_findings', OLD.inspection_id || char(31) || OLD.lead_id);
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspection_findings', NEW.inspection_id || char(31) || NEW.lead_id); END;
CREATE TRIGGER nat_inspection_findings_d AFTER DELETE ON inspection_findings BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('inspection_findings', OLD.inspection_id || char(31) || OLD.lead_id); END;

CREATE TRIGGER nat_complaints_i AFTER INSERT ON complaints BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('complaints', NEW.complaint_id); END;
CREATE TRIGGER nat_complaints_u AFTER UPDATE ON complaints BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('complaints', NEW.complaint_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'complaints', OLD.complaint_id WHERE OLD.complaint_id IS NOT NEW.complaint_id; END;
CREATE TRIGGER nat_complaints_d AFTER DELETE ON complaints BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('complaints', OLD.complaint_id); END;

CREATE TRIGGER nat_talks_i AFTER INSERT ON talks BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('talks', NEW.talk_id); END;
CREATE TRIGGER nat_talks_u AFTER UPDATE ON talks BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('talks', NEW.talk_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'talks', OLD.talk_id WHERE OLD.talk_id IS NOT NEW.talk_id; END;
CREATE TRIGGER nat_talks_d AFTER DELETE ON talks BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('talks', OLD.talk_id); END;

CREATE TRIGGER nat_meetings_i AFTER INSERT ON meetings BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('meetings', NEW.meeting_id); END;
CREATE TRIGGER nat_meetings_u AFTER UPDATE ON meetings BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('meetings', NEW.meeting_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'meetings', OLD.meeting_id WHERE OLD.meeting_id IS NOT NEW.meeting_id; END;
CREATE TRIGGER nat_meetings_d AFTER DELETE ON meetings BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('meetings', OLD.meeting_id); END;

CREATE TRIGGER nat_letters_i AFTER INSERT ON letters BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('letters', NEW.letter_id); END;
CREATE TRIGGER nat_letters_u AFTER UPDATE ON letters BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('letters', NEW.letter_id);
  INSERT INTO nat_outbox(tbl, key) SELECT 'letters', OLD.letter_id WHERE OLD.letter_id IS NOT NEW.letter_id; END;
CREATE TRIGGER nat_letters_d AFTER DELETE ON letters BEGIN
  INSERT INTO nat_outbox(tbl, key) VALUES ('letters', OLD.letter_id); END;
