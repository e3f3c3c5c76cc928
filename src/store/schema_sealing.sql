-- schema_sealing.sql — migration "sealing-1": the sealing of juvenile records (J-01,
-- law.md §14; docs/sealing.md). One row per person whose record is or was sealed: sealed
-- on date d iff sealed_from <= d AND (sealed_until IS NULL OR d < sealed_until).
-- Maintained by the importer after every persons or judgments batch
-- (store_sealing_refresh_batch); computed by the law core (zj_sealed_from … aggregates).
CREATE TABLE person_sealing (
    person_id    TEXT PRIMARY KEY REFERENCES persons(person_id),
    sealed_from  TEXT NOT NULL,  -- effective date of the first sealable judgment
    sealed_until TEXT,           -- effective date of the judgment that ended it; NULL: sealed
    ended_by     TEXT            -- that judgment's judgment_id
) WITHOUT ROWID;

INSERT INTO person_sealing(person_id, sealed_from, sealed_until)
SELECT person_id, f, u FROM (
    SELECT j.person_id,
           zj_sealed_from(p.birth_date, j.offense_date, j.effective_date, j.penalty,
                          j.term_months, j.term_days) AS f,
           zj_sealed_until(p.birth_date, j.offense_date, j.effective_date, j.penalty,
                           j.term_months, j.term_days) AS u
    FROM judgments j JOIN persons p ON p.person_id = j.person_id
    GROUP BY j.person_id)
WHERE f IS NOT NULL;

UPDATE person_sealing SET ended_by = (
    SELECT j.judgment_id FROM judgments j JOIN persons p ON p.person_id = j.person_id
    WHERE j.person_id = person_sealing.person_id
      AND j.effective_date = person_sealing.sealed_until
      AND zj_judgment_sealable(p.birth_date, j.offense_date, j.penalty, j.term_months,
                               j.term_days) = 0
    ORDER BY j.judgment_id LIMIT 1)
WHERE sealed_until IS NOT NULL;
