-- schema_perf.sql — migration "perf-1": indexes for the speed of the set-based models
-- (issue 5; src/models/m_conditions.c).
-- CUS-02 finds the case numbers judged for more than one person and their judgments by a
-- scan of this index alone (case_no, person_id), then reads effective_date and
-- judgment_id from it too (covering: no table row is fetched).
CREATE INDEX IF NOT EXISTS judgments_case_person
    ON judgments(case_no, person_id, effective_date, judgment_id);
