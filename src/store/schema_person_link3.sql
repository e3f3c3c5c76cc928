-- schema_person_link3.sql — migration "person-link-3": the person-link rule (docs/security.md)
-- on cases. A case at facility F names its lead's person; it may name a person only when a
-- lead or a custody event links them to F (every lead does lawfully: person-link-1/-2), so a
-- writer that bypasses src/cases (a script) cannot open a case that widens a scope.

CREATE TRIGGER cases_person_link_insert BEFORE INSERT ON cases
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> ''
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id IS NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id IS NEW.facility_id)
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER cases_person_link_update BEFORE UPDATE OF person_id, facility_id ON cases
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> ''
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id IS NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id IS NEW.facility_id)
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;
