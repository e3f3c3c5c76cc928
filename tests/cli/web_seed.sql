-- web_seed.sql — a small database for the web tests (tests/cli/web_*.sh): two regions,
-- three prisons, a court, persons with custody, judgments and changes, and leads of
-- several models, families, severities and states. Applied after the migrations.
INSERT INTO facilities(facility_id, name, kind, region_code) VALUES
 ('P3201', '江苏省南京监狱', 'prison', '320100'),
 ('P3205', '江苏省苏州监狱', 'prison', '320500'),
 ('C3201', '南京市中级人民法院', 'court', '320100'),
 ('P1101', '北京市第一监狱', 'prison', '110100');
INSERT INTO persons(person_id, id_number, name, gender, birth_date) VALUES
 ('R001', '110105198001011234', '张三', 'M', '1980-01-01'),
 ('R002', '320102198505052345', '李四', 'M', '1985-05-05'),
 ('R003', '110101199002023456', '王五', 'F', '1990-02-02');
INSERT INTO judgments(judgment_id, person_id, case_no, court_id, charges, offense_date, judgment_date,
                      effective_date, penalty, term_months) VALUES
 ('J001', 'R001', '（2023）苏01刑初12号', 'C3201', '盗窃罪', '2022-10-01', '2023-05-10', '2023-05-21', 'fixed_term', 60),
 ('J002', 'R002', '（2022）苏01刑初7号', 'C3201', '诈骗罪', '2021-08-01', '2022-03-01', '2022-03-12', 'fixed_term', 36);
INSERT INTO custody(event_id, person_id, facility_id, event_type, event_date, judgment_id) VALUES
 ('E1', 'R001', 'P3201', 'admit', '2023-06-20', 'J001'),
 ('E2', 'R002', 'P3205', 'admit', '2022-04-01', 'J002'),
 ('E3', 'R003', 'P1101', 'admit', '2021-01-05', NULL);
INSERT INTO sentence_changes(change_id, person_id, judgment_id, kind, proposer_id, proposal_date, decider_id,
                             decision_date, effective_date, grounds, reduction_months) VALUES
 ('S001', 'R001', 'J001', 'commutation', 'P3201', '2025-01-10', 'C3201', '2025-03-01', '2025-03-05', 'repentance', 8);
INSERT INTO leads(lead_id, model_id, subject, person_id, facility_id, region_code, family, severity, status,
                  first_seen, last_seen, summary, evidence, evidence_hash, basis) VALUES
 (1, 'CHG-03', 'S001', 'R001', 'P3201', '320100', 'changes', 'high', 'open', '2025-06-30', '2025-06-30',
  '张三减刑幅度超限：一次减去 8 个月，超过从严对象所许最多 7 个月',
  '{"change_id":"S001","judgment_id":"J001","proposal_date":"2025-01-10","decision_date":"2025-03-01","reduction_months":8,"max_months":7}',
  'h1', 'C-04 减刑假释规定第6条'),
 (2, 'DEL-01', 'J002', 'R002', 'P3205', '320500', 'delivery', 'medium', 'open', '2025-05-31', '2025-06-30',
  '李四判决生效后 20 日未交付执行',
  '{"judgment_id":"J002","effective_date":"2022-03-12","admit_date":"2022-04-01","days_late":10}',
  'h2', 'D-01 刑事诉讼法第264条'),
 (3, 'CUS-01', 'R003', 'R003', 'P1101', '110100', 'custody', 'low', 'open', '2025-04-30', '2025-06-30',
  '王五禁闭超过 15 日', '{"start_date":"2025-03-01","end_date":"2025-03-20","days_since":19}', 'h3',
  'U-01 监狱法第58条');
-- Bulk leads for paging and filters: 120 for P3201, 60 for P3205.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 180)
INSERT INTO leads(model_id, subject, person_id, facility_id, region_code, family, severity, status,
                  first_seen, last_seen, summary, evidence, evidence_hash, basis)
SELECT CASE i % 3 WHEN 0 THEN 'CHG-10' WHEN 1 THEN 'DEL-02' ELSE 'CC-01' END, 'X' || i,
       CASE WHEN i <= 120 THEN 'R001' ELSE 'R002' END,
       CASE WHEN i <= 120 THEN 'P3201' ELSE 'P3205' END,
       CASE WHEN i <= 120 THEN '320100' ELSE '320500' END,
       CASE i % 3 WHEN 0 THEN 'changes' WHEN 1 THEN 'delivery' ELSE 'community' END,
       CASE i % 4 WHEN 0 THEN 'high' WHEN 1 THEN 'medium' ELSE 'low' END,
       CASE WHEN i % 10 = 0 THEN 'dismissed' ELSE 'open' END,
       date('2024-07-01', '+' || (i * 2) || ' days'), '2025-06-30',
       '批量线索 ' || i, '{"as_of":"2025-06-30","i":' || i || '}', 'hb' || i, 'TEST 规则'
FROM n;
-- The procuratorates that send the documents (docs/documents.md): the resident of P3201
-- belongs to none, so Nanjing's (the most specific one of 320100) sends.
INSERT INTO procuratorates(procuratorate_id, name, short_name, level, region_code, parent_id,
                           reply_days, created_at) VALUES
 ('Y320000', '江苏省人民检察院', '苏检', 'provincial', '320000', NULL, 15, '2025-01-01T00:00:00Z'),
 ('Y320100', '江苏省南京市人民检察院', '宁检', 'municipal', '320100', 'Y320000', 15, '2025-01-01T00:00:00Z'),
 ('Y320500', '江苏省苏州市人民检察院', '苏州检', 'municipal', '320500', 'Y320000', 15, '2025-01-01T00:00:00Z');
