-- schema_person_link2.sql — migration "person-link-2": the person-link rule of person-link-1
-- (docs/security.md) on the records that came after it, and on the leads' region.
-- * duty_events: an occurrence at facility F (an escape, a death) may name only a person
--   with a custody event at F or a model's lead at F — the rule of complaints and talks.
-- * leads not raised by a model: region_code is the facility's (NULL without a facility).
--   SCOPE_PERSON_SQL reads a lead's region_code, so a manual lead at P1 carrying another
--   province's code would show its person to that province.

CREATE TRIGGER duty_events_person_link_insert BEFORE INSERT ON duty_events
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> ''
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER duty_events_person_link_update BEFORE UPDATE OF person_id, facility_id ON duty_events
WHEN NEW.person_id IS NOT NULL AND NEW.person_id <> ''
     AND NOT EXISTS (SELECT 1 FROM custody c WHERE c.person_id = NEW.person_id
                     AND c.facility_id = NEW.facility_id)
     AND NOT EXISTS (SELECT 1 FROM leads m WHERE m.person_id = NEW.person_id
                     AND m.facility_id = NEW.facility_id AND m.source = 'model')
BEGIN SELECT RAISE(ABORT, 'person_link: the person has no custody at the facility'); END;

CREATE TRIGGER leads_region_insert BEFORE INSERT ON leads
WHEN NEW.source <> 'model' AND NEW.region_code IS NOT
     (SELECT f.region_code FROM facilities f WHERE f.facility_id = NEW.facility_id)
BEGIN SELECT RAISE(ABORT, 'person_link: a lead''s region is its facility''s'); END;

CREATE TRIGGER leads_region_update BEFORE UPDATE OF facility_id, region_code, source ON leads
WHEN NEW.source <> 'model' AND NEW.region_code IS NOT
     (SELECT f.region_code FROM facilities f WHERE f.facility_id = NEW.facility_id)
BEGIN SELECT RAISE(ABORT, 'person_link: a lead''s region is its facility''s'); END;
