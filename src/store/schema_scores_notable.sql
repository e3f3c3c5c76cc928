-- schema_scores_notable.sql — migration "scores-notable-1": the score months CHG-10 may
-- flag without reading a person's other months (issue 15): penalty points, or more bonus
-- points than 50 (TL_NOTABLE_BONUS, models/timeline.h; the default CHG-10.bonus_cap). About
-- 1 % of the rows; the engine walks them in its order (person_id, month, score_id) and
-- reads every score only of the persons with a release change or a solitary confinement.
CREATE INDEX IF NOT EXISTS scores_notable
    ON scores(person_id, month, score_id, facility_id, base_points, bonus_points,
              penalty_points, officer_id)
    WHERE penalty_points > 0 OR bonus_points > 50;
