-- schema_person_link.sql — migration "person-link-1": the person-link rule (docs/security.md).
-- A record at facility F — a complaint, a talk, a meeting, a letter, or a lead not raised by
-- a model (complaint, talk, letter, inspection, manual) — may name only a person with a
-- custody event at F or a model's lead at F, whoever files it. A person comes into an
-- account's view through custody and leads (cases/scope.h SCOPE_PERSON_SQL), so without
-- this rule any record could carry a person held elsewhere into a facility's view.
-- office_person_link_check() (cases/office.h) gives the same answer with a clear message
-- before a write; these triggers hold the rule for every other writer.

CREATE TRIGGER complaints_person_link_insert BEFORE INSERT ON complaints
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER complaints_person_link_update BEFORE UPDATE OF person_id, facility_id ON complaints
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER talks_person_link_insert BEFORE INSERT ON talks
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER talks_person_link_update BEFORE UPDATE OF person_id, facility_id ON talks
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER meetings_person_link_insert BEFORE INSERT ON meetings
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER meetings_person_link_update BEFORE UPDATE OF person_id, facility_id ON meetings
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER letters_person_link_insert BEFORE INSERT ON letters
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER letters_person_link_update BEFORE UPDATE OF person_id, facility_id ON letters
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER leads_person_link_insert BEFORE INSERT ON leads
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NEW.source <> 'model'
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model'
                     AND m.lead_id IS NOT NEW.lead_id)
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER leads_person_link_update BEFORE UPDATE OF person_id, facility_id, source ON leads
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> '' AND NEW.facility_id IS NOT NULL
     AND NEW.source <> 'model'
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model'
                     AND m.lead_id IS NOT NEW.lead_id)
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;
