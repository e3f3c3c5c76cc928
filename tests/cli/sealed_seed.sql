-- sealed_seed.sql — a sealed juvenile (law.md J-01) on top of web_seed.sql, for the
-- sealing tests (tests/cli/sealed_routes.sh, tests/browser/sealed.test.mjs): 闵晓封, born
-- 2008-01-01, sentenced to 36 months for a theft committed at 16, held at P3201, with
-- leads (one naming him and his id number in its summary), a case with a correction
-- notice, a complaint, a talk and a letter. person_sealing is the table the importer keeps
-- (store/sealing.h); the rows here are written directly, as the import would.
INSERT INTO persons(person_id, id_number, name, gender, birth_date) VALUES
 ('R900', '320102200801011235', '闵晓封', 'M', '2008-01-01');
INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, offense_date, judgment_date,
                      effective_date, penalty, term_months) VALUES
 ('J900', 'R900', '（2024）苏01刑初900号', 'C3201', '盗窃罪', '2024-03-01', '2024-08-20', '2024-09-01',
  'fixed_term', 36);
INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date, judgment_id) VALUES
 ('E900', 'R900', 'P3201', 'admit', '2024-09-20', 'J900');
INSERT INTO person_sealing(person_id, sealed_from, sealed_until, ended_by) VALUES
 ('R900', '2024-09-01', NULL, NULL);
INSERT INTO leads(lead_id, model_id, subject, person_id, facility_id, region_code, family, severity, status,
                  first_seen, last_seen, summary, evidence, evidence_hash, basis) VALUES
 (900, 'DEL-01', 'J900', 'R900', 'P3201', '320100', 'delivery', 'high', 'open', '2025-06-30', '2025-06-30',
  '罪犯闵晓封（身份证号320102200801011235）判决生效后19日方交付执行',
  '{"judgment_id":"J900","person_id":"R900","effective_date":"2024-09-01","admit_date":"2024-09-20","days_late":9}',
  'h900', 'D-01 刑事诉讼法第264条'),
 (901, 'CUS-01', 'R900', 'R900', 'P3201', '320100', 'custody', 'medium', 'case', '2025-05-31', '2025-06-30',
  '闵晓封与成年罪犯混押', '{"person_id":"R900","start_date":"2025-05-01"}', 'h901', 'U-01 监狱法第58条');
INSERT INTO cases(case_id, lead_id, title, person_id, facility_id, region_code, family, status, opened_at,
                  opened_by) VALUES
 (900, 901, '闵晓封与成年罪犯混押', 'R900', 'P3201', '320100', 'custody', 'open', '2025-06-01T09:00:00Z', 'res1');
INSERT INTO measures(measure_id, case_id, kind, recipient_id, sent_date, reply_deadline, document, created_at,
                     created_by) VALUES
 (900, 900, 'correction_notice', 'P3201', '2025-06-20', '2025-07-05',
  '{"org":"南京市人民检察院","title":"纠正违法通知书","number":"宁检纠违〔2025〕900号","recipient":"江苏省南京监狱","body":"本院发现，罪犯闵晓封（身份证号320102200801011235）与成年罪犯混押。","date":"2025年6月20日","seal":"（院印）"}',
  '2025-06-20T09:00:00Z', 'res1');
INSERT INTO complaints(complaint_id, kind, channel, topic, person_id, complainant, facility_id, region_code,
                       content, received_date, ack_due, deadline, status, created_at, created_by) VALUES
 (900, 'petition', 'letter', 'other', 'R900', '闵晓封之母', 'P3201', '320100',
  '闵晓封的家属反映其在监内受到欺压', '2025-06-10', '2025-06-17', '2025-07-10', 'received',
  '2025-06-10T09:00:00Z', 'res1');
INSERT INTO talks(facility_id, person_id, talk_date, kind, procurator, content, created_at) VALUES
 ('P3201', 'R900', '2025-06-12', 'routine', 'res1', '与闵晓封谈话，了解其改造情况', '2025-06-12T09:00:00Z');
INSERT INTO letters(facility_id, person_id, received_date, content, created_at) VALUES
 ('P3201', 'R900', '2025-06-11', '闵晓封来信反映伙食问题', '2025-06-11T09:00:00Z');
-- a row of an uploaded roster refused (a bad birth date): the clerk's reject screens
INSERT INTO import_batches(batch_id, started_at, finished_at, file, feed) VALUES
 (900, '2025-06-20T09:00:00Z', '2025-06-20T09:00:01Z', 'upload:admin/roster.csv', 'persons');
INSERT INTO rejects(batch_id, feed, file, line, column_name, reason, raw) VALUES
 (900, 'persons', 'upload:admin/roster.csv', 2, 'birth_date', 'bad date',
  'R900,320102200801011235,闵晓封,M,2008-13-01');
-- a ruling in the review queue naming the sealed person (matched by id number)
INSERT INTO doc_intake(doc_id, file, format, sha256, size, content, text, kind, extracted, facility_id,
                       region_code, uploaded_by, uploaded_at) VALUES
 (900, '闵晓封判决书.txt', 'txt', 'sealed-doc-900', 60,
  CAST('被告人闵晓封，男，2008年1月1日出生，公民身份号码320102200801011235。' AS BLOB),
  '被告人闵晓封，男，2008年1月1日出生，公民身份号码320102200801011235。', 'judgment',
  '{"kind":"judgment","persons":[{"name":"闵晓封","gender":"M","birth_date":"2008-01-01","id_number":"320102200801011235"}]}',
  'P3201', '320100', 'admin', '2025-06-20T09:00:00Z');
