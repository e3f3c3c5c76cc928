-- id: U-SCORE-01
-- name: 同一民警连续十二个月为同一罪犯审批加分
-- family: changes
-- severity: medium
-- subject: person_id
-- basis: 减刑假释规定第3条; 监狱计分考核罪犯工作规定（考核审批相互分离）
-- parameters: {"months": 12}
-- index: scores(person_id, officer_id, month, bonus_points) WHERE bonus_points > 0 AND officer_id IS NOT NULL AND officer_id <> ''
--
-- 用户模型示例：同一罪犯连续 :months 个月（自然月连续）的加分（bonus_points > 0）均由同一
-- 民警（scores.officer_id）审批。每名罪犯一条线索（取最长的连续期间）。
-- 线索只取决于该罪犯本人的计分记录，故增量筛查时只对数据有变化的人员运行（scope 标记）。
-- 索引声明（index）：只含有加分、有审批民警的计分记录，按（罪犯，民警，月份）排列，且含查询
-- 用到的全部列（bonus_points 亦在其中），按组合计数时只读索引，不读整张计分表、不排序；索引的
-- WHERE 与查询条件逐字相同，SQLite 方能选用。
WITH s AS (
    SELECT score_id, person_id, facility_id, officer_id, month, bonus_points,
           CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) AS m
    FROM scores
    WHERE bonus_points > 0 AND officer_id IS NOT NULL AND officer_id <> ''
      AND month <= substr(:as_of, 1, 7) /*scope person_id*/
      -- 只取加分月数达到 :months 的（罪犯，民警）组合，免去其余记录的窗口排序
      AND (person_id, officer_id) IN (
          SELECT person_id, officer_id FROM scores
          WHERE bonus_points > 0 AND officer_id IS NOT NULL AND officer_id <> ''
            AND month <= substr(:as_of, 1, 7) /*scope person_id*/
          GROUP BY person_id, officer_id HAVING count(*) >= :months)
), g AS (
    SELECT s.*, m - row_number() OVER (PARTITION BY person_id, officer_id ORDER BY m) AS island
    FROM s
), runs AS (
    SELECT person_id, officer_id, min(facility_id) AS facility_id, min(month) AS first_month,
           max(month) AS last_month, count(*) AS n, sum(bonus_points) AS bonus,
           json_group_array(score_id) AS score_ids
    FROM g GROUP BY person_id, officer_id, island
    HAVING count(*) >= :months
), best AS (
    SELECT runs.*, row_number() OVER (PARTITION BY person_id ORDER BY n DESC, last_month DESC) AS rn
    FROM runs
)
SELECT b.person_id AS subject, b.person_id, b.facility_id, f.region_code,
       printf('罪犯%s自%s至%s连续%d个月的加分均由同一民警%s审批，累计加分%d分。',
              p.name, b.first_month, b.last_month, b.n, COALESCE(st.name, b.officer_id),
              b.bonus) AS summary,
       json_object('person_id', b.person_id, 'officer_id', b.officer_id,
                   'first_month', b.first_month, 'last_month', b.last_month, 'months', b.n,
                   'bonus_points', b.bonus, 'score_ids', json(b.score_ids)) AS evidence
FROM best b
JOIN persons p ON p.person_id = b.person_id
LEFT JOIN facilities f ON f.facility_id = b.facility_id
LEFT JOIN staff st ON st.officer_id = b.officer_id
WHERE b.rn = 1
ORDER BY b.person_id;
