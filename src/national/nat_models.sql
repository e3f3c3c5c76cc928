-- nat_models.sql — the national models (docs/national.md), over the national tables of
-- every province at the as-of date $1; run by `zhijian national screen` statement by
-- statement ("-- @@ name" starts each one). Each model inserts into nat_found the leads
-- of the province concerned (subject = that province's person_id). Persons of two
-- provinces are the same person when their id_number is; ID numbers are masked in the
-- summaries (first 6 and last 4 digits).

-- @@ spans
-- Held spans from the custody events: an event that puts or keeps the person in a
-- facility (detain, admit, transfer_in, transfer_out, return, recapture, leave_end) holds
-- until the next event of the person (or the as-of date); release, bail, escape, leaves,
-- residential surveillance and death end it.
CREATE TEMP TABLE nat_spans ON COMMIT DROP AS
SELECT province, person_id, facility_id, start_date, end_date FROM (
    SELECT c.province, c.person_id, c.facility_id, c.event_type, c.event_date AS start_date,
           coalesce(lead(c.event_date) OVER (PARTITION BY c.province, c.person_id
                                            ORDER BY c.event_date, c.event_id), $1) AS end_date
    FROM nat.custody c
    WHERE c.event_date <= $1 AND EXISTS (SELECT 1 FROM nat.persons p WHERE p.province = c.province
          AND p.person_id = c.person_id AND p.id_number IS NOT NULL)) e
WHERE event_type IN ('detain', 'admit', 'transfer_in', 'transfer_out', 'return', 'recapture', 'leave_end');

-- @@ spans-index
CREATE INDEX ON nat_spans (province, person_id);

-- @@ cross
-- The persons whose id_number is recorded in more than one province, and their judgments
-- and releases (NAT-01 and NAT-05 pair them). Each province's id_numbers are read once (in the
-- federated layout: that one column fetched from each province's server); the persons,
-- judgments and custody events are then asked for by key (id_number or person_id =
-- ANY(array), sent to each province's server with the query; a person_id of another
-- province is dropped by the joins), so NAT-01 and NAT-05 join small local tables whose statistics
-- the planner has, and no remote row is fetched row by row.
CREATE TEMP TABLE nat_cross ON COMMIT DROP AS
SELECT province, person_id, id_number, birth_date FROM nat.persons
WHERE id_number = ANY (ARRAY(SELECT id_number FROM nat.persons WHERE id_number IS NOT NULL
                             GROUP BY id_number HAVING min(province) <> max(province)));

-- @@ cross-judgments
-- (`x = 0 OR x IS NULL`, not coalesce: PostgreSQL 15's postgres_fdw sends no COALESCE to
-- the province's server, which would send the suspended judgments too.)
CREATE TEMP TABLE nat_cross_judgments ON COMMIT DROP AS
SELECT j.province, j.person_id, j.judgment_id, j.court_id, j.offense_date, j.effective_date,
       j.recidivist, j.charges, j.penalty
FROM nat.judgments j
WHERE j.person_id = ANY (ARRAY(SELECT DISTINCT person_id FROM nat_cross))
  AND j.penalty IN ('fixed_term', 'life', 'death_suspended', 'death')
  AND (j.probation_months = 0 OR j.probation_months IS NULL);

-- @@ cross-releases
-- The last release (up to the as-of date) from each judgment of a crossing person.
CREATE TEMP TABLE nat_cross_releases ON COMMIT DROP AS
SELECT c.province, c.person_id, c.judgment_id, max(c.event_date) AS done
FROM nat.custody c
WHERE c.person_id = ANY (ARRAY(SELECT DISTINCT person_id FROM nat_cross))
  AND c.event_type = 'release' AND c.event_date <= $1 AND c.judgment_id IS NOT NULL
GROUP BY c.province, c.person_id, c.judgment_id;

-- @@ cross-analyze
ANALYZE nat_cross, nat_cross_judgments, nat_cross_releases;

-- @@ NAT-01
-- 两地同日羁押: the same person held in two provinces over a common full day; the lead
-- goes to the province whose span began later (the same day: the larger code).
INSERT INTO nat_found
SELECT DISTINCT ON (b.province, b.person_id)
       b.province, 'NAT-01', b.person_id, b.person_id, b.facility_id, fb.region_code, 'custody', 'high',
       format('身份证号 %s：%s 起在本省%s羁押，同期在%s%s羁押（%s 起），两地羁押记录冲突',
              left(pb.id_number, 6) || '********' || right(pb.id_number, 4), b.start_date,
              coalesce(fb.name, b.facility_id), coalesce(pr.name, a.province), coalesce(fa.name, a.facility_id),
              a.start_date),
       jsonb_build_object('province', b.province, 'person_id', b.person_id, 'facility_id', b.facility_id,
              'start_date', b.start_date, 'other_province', a.province, 'other_person_id', a.person_id,
              'other_facility_id', a.facility_id, 'other_start_date', a.start_date,
              'other_end_date', a.end_date)::text,
       'D-04 羁押记录（跨省同日在押）'
FROM nat_spans a
JOIN nat_cross pa ON pa.province = a.province AND pa.person_id = a.person_id
JOIN nat_cross pb ON pb.id_number = pa.id_number AND pb.province <> pa.province
JOIN nat_spans b ON b.province = pb.province AND b.person_id = pb.person_id
LEFT JOIN nat.facilities fa ON fa.province = a.province AND fa.facility_id = a.facility_id
LEFT JOIN nat.facilities fb ON fb.province = b.province AND fb.facility_id = b.facility_id
LEFT JOIN nat.provinces pr ON pr.province = a.province
WHERE a.start_date < b.end_date AND b.start_date < a.end_date
  AND (b.start_date > a.start_date OR (b.start_date = a.start_date AND b.province > a.province))
ORDER BY b.province, b.person_id, b.start_date, a.province;

-- @@ NAT-02
-- 跨省纸面服刑 (PAP-01 across provinces): another province records a social activity of
-- the person on a day the home province holds them (the whole day: not on the first or
-- last day of the span).
INSERT INTO nat_found
SELECT DISTINCT ON (s.province, s.person_id)
       s.province, 'NAT-02', s.person_id, s.person_id, s.facility_id, f.region_code, 'delivery', 'high',
       format('身份证号 %s：本省%s羁押期间（%s 起），%s记录其 %s 有社会活动（%s）',
              left(p.id_number, 6) || '********' || right(p.id_number, 4), coalesce(f.name, s.facility_id),
              s.start_date, coalesce(pr.name, a.province), a.activity_date, a.kind),
       jsonb_build_object('province', s.province, 'person_id', s.person_id, 'facility_id', s.facility_id,
              'held_from', s.start_date, 'activity_province', a.province, 'activity_record_id', a.record_id,
              'activity_date', a.activity_date, 'kind', a.kind, 'source', a.source)::text,
       'D-04 羁押期间社会活动（跨省）'
FROM nat.activities a
JOIN nat.persons p ON p.id_number = a.id_number AND p.province <> a.province
JOIN nat_spans s ON s.province = p.province AND s.person_id = p.person_id
LEFT JOIN nat.facilities f ON f.province = s.province AND f.facility_id = s.facility_id
LEFT JOIN nat.provinces pr ON pr.province = a.province
WHERE a.activity_date <= $1 AND a.activity_date > s.start_date AND a.activity_date < s.end_date
ORDER BY s.province, s.person_id, a.activity_date, a.record_id;

-- @@ NAT-03
-- 社区矫正对象跨省活动 (CC-05 across provinces): during the person's community
-- correction (from its start to its end, or to the status date once it is no longer
-- active), another province records an activity not covered by an approved leave.
INSERT INTO nat_found
SELECT DISTINCT ON (r.province, r.person_id)
       r.province, 'NAT-03', r.person_id, r.person_id, r.agency_id, f.region_code, 'community', 'medium',
       format('身份证号 %s：社区矫正期间（%s 起），%s记录其 %s 在当地活动（%s），无批准外出',
              left(p.id_number, 6) || '********' || right(p.id_number, 4), r.start_date,
              coalesce(pr.name, a.province), a.activity_date, a.kind),
       jsonb_build_object('province', r.province, 'person_id', r.person_id, 'cc_id', r.cc_id,
              'agency_id', r.agency_id, 'start_date', r.start_date, 'end_date', r.end_date,
              'activity_province', a.province, 'activity_record_id', a.record_id,
              'activity_date', a.activity_date, 'region_code', a.region_code)::text,
       'K-04 社区矫正法第27条（跨省）'
FROM nat.activities a
JOIN nat.persons p ON p.id_number = a.id_number AND p.province <> a.province
JOIN nat.corrections r ON r.province = p.province AND r.person_id = p.person_id
LEFT JOIN nat.facilities f ON f.province = r.province AND f.facility_id = r.agency_id
LEFT JOIN nat.provinces pr ON pr.province = a.province
WHERE a.activity_date <= $1 AND r.start_date IS NOT NULL AND a.activity_date >= r.start_date
  AND a.activity_date <= coalesce(CASE WHEN r.status <> 'active' THEN r.status_date END, r.end_date, $1)
  AND NOT EXISTS (
      SELECT 1 FROM nat.cc_events ls
      WHERE ls.province = r.province AND ls.cc_id = r.cc_id AND ls.kind = 'leave_start'
        AND ls.event_date <= a.activity_date
        AND NOT EXISTS (SELECT 1 FROM nat.cc_events le WHERE le.province = r.province
                        AND le.cc_id = r.cc_id AND le.kind = 'leave_end'
                        AND le.event_date >= ls.event_date AND le.event_date < a.activity_date))
ORDER BY r.province, r.person_id, a.activity_date, a.record_id;

-- @@ NAT-04
-- 跨省剥夺政治权利期间行使选举权 (PR-01 across provinces): a voter record (registered,
-- voted, candidate or elected) in another province dated from the judgment's effective
-- date to the end of the deprivation of political rights (PR-01: from the release, or
-- from the parole; open while the sentence runs; life: forever).
INSERT INTO nat_found
SELECT DISTINCT ON (j.province, j.person_id)
       j.province, 'NAT-04', j.person_id, j.person_id, j.court_id, f.region_code, 'political', 'medium',
       format('身份证号 %s：剥夺政治权利%s期间（判决 %s 生效），%s选民记录显示其 %s 参加选举',
              left(p.id_number, 6) || '********' || right(p.id_number, 4),
              CASE WHEN j.dpr_life = 1 THEN '终身' ELSE j.dpr_months || '个月' END, j.judgment_id,
              coalesce(pr.name, v.province), v.election_date),
       jsonb_build_object('province', j.province, 'person_id', j.person_id, 'judgment_id', j.judgment_id,
              'effective_date', j.effective_date, 'dpr_months', j.dpr_months, 'dpr_life', j.dpr_life,
              'released', x.released, 'paroled', x.paroled, 'dpr_end', x.dpr_end,
              'voter_province', v.province, 'voter_record_id', v.record_id,
              'election_date', v.election_date)::text,
       'PR-01 刑法第54、55、58条（跨省）'
FROM nat.voters v
JOIN nat.persons p ON p.id_number = v.id_number AND p.province <> v.province
JOIN nat.judgments j ON j.province = p.province AND j.person_id = p.person_id
CROSS JOIN LATERAL (
    SELECT r.released, r.paroled,
           CASE WHEN j.dpr_life = 1 THEN NULL
                WHEN r.paroled IS NOT NULL THEN nat.zj_dpr_end(NULL, j.dpr_months, r.paroled)
                WHEN r.released IS NOT NULL THEN nat.zj_dpr_end(r.released, j.dpr_months) END AS dpr_end
    FROM (SELECT max(c.event_date) FILTER (WHERE c.event_type = 'release') AS released,
                 max(c.event_date) FILTER (WHERE c.event_type = 'release_parole') AS paroled
          FROM nat.custody c WHERE c.province = j.province AND c.person_id = j.person_id
            AND c.judgment_id = j.judgment_id AND c.event_date <= $1) r) x
LEFT JOIN nat.facilities f ON f.province = j.province AND f.facility_id = j.court_id
LEFT JOIN nat.provinces pr ON pr.province = v.province
WHERE (coalesce(v.registered, 0) = 1 OR coalesce(v.voted, 0) = 1 OR coalesce(v.candidate, 0) = 1
       OR coalesce(v.elected, 0) = 1)
  AND (coalesce(j.dpr_months, 0) > 0 OR coalesce(j.dpr_life, 0) = 1)
  AND v.election_date <= $1 AND v.election_date >= j.effective_date
  AND (j.dpr_life = 1 OR (x.released IS NULL AND x.paroled IS NULL) OR v.election_date <= x.dpr_end)
ORDER BY j.province, j.person_id, v.election_date, v.record_id;

-- @@ NAT-05
-- 跨省累犯漏认定 (REC-01 with priors from other provinces, R-01): a new judgment of
-- 有期徒刑 or more for an intentional crime, not marked recidivist, whose offense lies
-- within five years after the release from a sentence of 有期徒刑 or more (not suspended)
-- served in another province, the person 18 or older at both offenses. The pairs are
-- found first among the crossing persons (materialised), so the law functions run on
-- them only.
INSERT INTO nat_found
WITH pairs AS MATERIALIZED (
    SELECT jn.province, jn.person_id, jn.judgment_id, jn.court_id, jn.offense_date, jn.recidivist,
           jn.charges, pn.id_number, pn.birth_date, jp.province AS prior_province,
           jp.person_id AS prior_person_id, jp.judgment_id AS prior_judgment_id,
           jp.penalty AS prior_penalty, jp.charges AS prior_charges, jp.offense_date AS prior_offense,
           pp.birth_date AS prior_birth, rel.done
    FROM nat_cross pn
    JOIN nat_cross pp ON pp.id_number = pn.id_number AND pp.province <> pn.province
    JOIN nat_cross_judgments jn ON jn.province = pn.province AND jn.person_id = pn.person_id
    JOIN nat_cross_judgments jp ON jp.province = pp.province AND jp.person_id = pp.person_id
    JOIN nat_cross_releases rel ON rel.province = jp.province AND rel.person_id = jp.person_id
         AND rel.judgment_id = jp.judgment_id
    WHERE coalesce(jn.recidivist, 0) = 0 AND jn.effective_date <= $1 AND jn.offense_date > rel.done)
SELECT DISTINCT ON (q.province, q.person_id)
       q.province, 'NAT-05', q.person_id, q.person_id, q.court_id, f.region_code, 'delivery', 'medium',
       format('身份证号 %s：判决 %s（犯罪日 %s）未认定累犯，而其曾在%s服刑（判决 %s），%s 刑满释放，五年内再犯',
              left(q.id_number, 6) || '********' || right(q.id_number, 4), q.judgment_id, q.offense_date,
              coalesce(pr.name, q.prior_province), q.prior_judgment_id, q.done),
       jsonb_build_object('province', q.province, 'person_id', q.person_id, 'judgment_id', q.judgment_id,
              'offense_date', q.offense_date, 'recidivist', q.recidivist,
              'prior_province', q.prior_province, 'prior_person_id', q.prior_person_id,
              'prior_judgment_id', q.prior_judgment_id, 'prior_penalty', q.prior_penalty, 'released', q.done,
              'limit', nat.zj_add_days(nat.zj_add_months(nat.zj_add_days(q.done, 1), 60), -1))::text,
       'R-01 刑法第65条（跨省前科）'
FROM pairs q
LEFT JOIN nat.facilities f ON f.province = q.province AND f.facility_id = q.court_id
LEFT JOIN nat.provinces pr ON pr.province = q.prior_province
WHERE q.offense_date <= nat.zj_add_days(nat.zj_add_months(nat.zj_add_days(q.done, 1), 60), -1)
  AND nat.zj_charge_has(q.charges, 'negligent') = 0 AND nat.zj_charge_has(q.prior_charges, 'negligent') = 0
  AND nat.zj_under_age(q.birth_date, q.offense_date, 18) = 0
  AND nat.zj_under_age(q.prior_birth, q.prior_offense, 18) = 0
ORDER BY q.province, q.person_id, q.offense_date, q.prior_judgment_id;
