-- schema_perf.sql — migration "perf-2" (its first version was "perf-1"): indexes for the speed of the set-based models
-- (issue 5; src/models/m_conditions.c).
-- CUS-02 finds the case numbers judged for more than one person and their judgments by a
-- scan of this index alone (case_no, person_id), then reads effective_date and
-- judgment_id from it too (covering: no table row is fetched).
CREATE INDEX IF NOT EXISTS judgments_case_person
    ON judgments(case_no, person_id, effective_date, judgment_id);
-- CUS-01 pairs a juvenile's cell assignment with the others in the same cell and time, and
-- incremental CUS-01/CUS-02 runs widen their scope the same way: the other assignments of
-- a cell, with their dates, person and id, from this index alone.
CREATE INDEX IF NOT EXISTS cells_cell_cover
    ON cells(facility_id, cell_id, start_date, end_date, person_id, assignment_id);
