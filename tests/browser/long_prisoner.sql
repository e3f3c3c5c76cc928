-- long_prisoner.sql — for the browser test of the person picture (issue 12): a long-term
-- prisoner with several hundred records. 有期徒刑15年 from 2010, custody at two prisons
-- (transferred and back), a leave, solitary, two commutations, parole in 2021 with weekly
-- check-ins (144) to the end of the term, 128 monthly scores, activities before the offense and
-- after the parole, and one lead. Applied after web_seed.sql.
INSERT INTO persons(person_id, id_number, name, gender, birth_date) VALUES
 ('R009', '320102197503034567', '刘长期', 'M', '1975-03-03');
INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, offense_date, judgment_date,
                      effective_date, penalty, term_months, dpr_months, term_start, term_end) VALUES
 ('J009', 'R009', '（2010）苏01刑初88号', 'C3201', '抢劫罪', '2010-02-20', '2010-08-20', '2010-09-01',
  'fixed_term', 180, 36, '2010-03-05', '2025-03-04');
INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date, judgment_id) VALUES
 ('E901', 'R009', 'P3201', 'detain', '2010-03-05', NULL),
 ('E902', 'R009', 'P3201', 'admit', '2010-09-20', 'J009'),
 ('E903', 'R009', 'P3201', 'transfer_out', '2014-05-01', 'J009'),
 ('E904', 'R009', 'P3205', 'transfer_in', '2014-05-01', 'J009'),
 ('E905', 'R009', 'P3205', 'transfer_out', '2018-03-01', 'J009'),
 ('E906', 'R009', 'P3201', 'transfer_in', '2018-03-01', 'J009'),
 ('E907', 'R009', 'P3201', 'leave_start', '2019-02-01', 'J009'),
 ('E908', 'R009', 'P3201', 'leave_end', '2019-02-05', 'J009'),
 ('E909', 'R009', 'P3201', 'release_parole', '2021-06-01', 'J009');
INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id, proposal_date, decider_id,
                             decision_date, effective_date, grounds, reduction_months) VALUES
 ('S901', 'R009', 'J009', 'commutation', 'P3201', '2013-02-01', 'C3201', '2013-03-01', '2013-03-01', 'repentance', 6),
 ('S902', 'R009', 'J009', 'commutation', 'P3205', '2016-02-01', 'C3201', '2016-03-01', '2016-03-01', 'repentance', 6),
 ('S903', 'R009', 'J009', 'parole', 'P3201', '2021-04-01', 'C3201', '2021-05-25', '2021-06-01', 'repentance', NULL);
INSERT INTO restraints(record_id, person_id, facility_id, kind, start_date, end_date) VALUES
 ('B901', 'R009', 'P3205', 'solitary', '2015-06-01', '2015-06-10');
WITH RECURSIVE m(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM m WHERE i < 127)
INSERT INTO scores(score_id, person_id, facility_id, month, base_points, bonus_points, penalty_points)
SELECT printf('SC9%03d', i), 'R009', CASE WHEN date('2010-10-01', '+' || i || ' months') BETWEEN '2014-05-01' AND '2018-02-28'
  THEN 'P3205' ELSE 'P3201' END, substr(date('2010-10-01', '+' || i || ' months'), 1, 7), 80, 5, 0 FROM m;
INSERT INTO corrections(cc_id, person_id, agency_id, basis, judgment_id, change_id, order_date, report_date,
                        start_date, end_date, status, status_date) VALUES
 ('K901', 'R009', 'P3201', 'parole', 'J009', 'S903', '2021-06-01', '2021-06-03', '2021-06-03', '2024-03-04',
  'ended', '2024-03-04');
WITH RECURSIVE w(d) AS (SELECT '2021-06-03' UNION ALL SELECT date(d, '+7 days') FROM w WHERE d < '2024-02-26')
INSERT INTO cc_events(event_id, cc_id, event_date, kind, region_code)
SELECT 'V9' || replace(d, '-', ''), 'K901', d, 'checkin', '320102' FROM w;
INSERT INTO cc_events(event_id, cc_id, event_date, kind, region_code) VALUES
 ('V9W1', 'K901', '2022-08-15', 'warning', NULL);
INSERT INTO activities(record_id, id_number, activity_date, kind, region_code) VALUES
 ('W901', '320102197503034567', '2009-07-01', 'travel', '320102'),
 ('W902', '320102197503034567', '2022-10-01', 'lodging', '320102'),
 ('W903', '320102197503034567', '2024-06-01', 'travel', '310101');
INSERT INTO leads(lead_id, model_id, subject, person_id, facility_id, region_code, family, severity, status,
                  first_seen, last_seen, summary, evidence, evidence_hash, basis) VALUES
 (901, 'CHG-02', 'S902', 'R009', 'P3201', '320100', 'changes', 'medium', 'open', '2025-06-30', '2025-06-30',
  '刘长期减刑间隔复核', '{"change_id":"S902"}', 'h901', 'C-03 减刑假释规定第6条');
INSERT INTO incidents(incident_id, facility_id, incident_date, kind, injury, cell_id, case_filed_date,
                      transferred_date) VALUES
 ('I901', 'P3201', '2012-04-10', 'fight', 'light', '3监区105', '2012-04-20', '2012-08-01');
INSERT INTO incident_persons(record_id, incident_id, person_id, role) VALUES ('IP901', 'I901', 'R009', 'aggressor');
INSERT INTO labour(record_id, person_id, facility_id, month, hours, rest_days) VALUES
 ('L901', 'R009', 'P3201', '2021-04', 176, 6);
INSERT INTO release_prep(record_id, person_id, facility_id, kind, event_date, receiver_region) VALUES
 ('RP901', 'R009', 'P3201', 'pre_release_education', '2021-04-15', NULL);
