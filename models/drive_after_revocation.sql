-- id: U-DRIVE-01
-- name: 吊销驾驶证后仍驾驶机动车（社区矫正对象）
-- family: community
-- severity: medium
-- subject: cc_id
-- basis: 社区矫正法第23条; 道路交通安全法第99条
-- parameters: {"keyword": "吊销"}
-- index: cc_events(cc_id, event_date, event_id, detail) WHERE detail LIKE '%驾驶%'
--
-- 用户模型示例：社区矫正对象的矫正事件（cc_events.detail）记载其机动车驾驶证被吊销，
-- 此后社会活动记录中仍出现车辆通行（activities.kind = 'vehicle'），且在矫正期内：自矫正开始
-- （start_date，无则 report_date、order_date）至矫正终止（end_date；解除、撤销矫正的 status_date；
-- 死亡之日，社区矫正法第45条），以较早者为准，两端均含（与 docs/intervals.md 的 correction 区间相同）。
-- 每个矫正记录（cc_id）一条线索；证据列出吊销事件与首次车辆通行记录。
-- 线索只取决于该人员本人的记录，故增量筛查时只对数据有变化的人员运行（scope_cc 标记）。
-- 索引声明（index）：条件 e.detail LIKE '%驾驶%' 与索引的 WHERE 逐字相同，查询即只读索引中
-- 记载“驾驶”的少数事件，而不扫描全部矫正事件（含参数的 LIKE 不能用作索引条件）。
WITH rev AS (
    SELECT e.cc_id, min(e.event_date) AS revoked_on, e.event_id
    FROM cc_events e
    WHERE e.detail LIKE '%' || :keyword || '%' AND e.detail LIKE '%驾驶%'
      AND e.event_date <= :as_of /*scope_cc e.cc_id*/
    GROUP BY e.cc_id
), hit AS (
    SELECT c.cc_id, c.person_id, c.agency_id, r.revoked_on, r.event_id AS rev_event,
           a.record_id, a.activity_date,
           row_number() OVER (PARTITION BY c.cc_id ORDER BY a.activity_date, a.record_id) AS rn,
           count(*) OVER (PARTITION BY c.cc_id) AS n
    FROM rev r
    JOIN corrections c ON c.cc_id = r.cc_id
    JOIN persons p ON p.person_id = c.person_id
    JOIN activities a ON a.id_number = p.id_number AND a.kind = 'vehicle'
     AND a.activity_date > r.revoked_on AND a.activity_date <= :as_of
     AND a.activity_date >= COALESCE(c.start_date, c.report_date, c.order_date)
     AND a.activity_date <= min(COALESCE(c.end_date, '9999-12-31'),
         CASE WHEN c.status IN ('ended', 'revoked') THEN COALESCE(c.status_date, '9999-12-31')
              ELSE '9999-12-31' END,
         COALESCE((SELECT d.death_date FROM deaths d WHERE d.person_id = c.person_id), '9999-12-31'))
)
SELECT h.cc_id AS subject, h.person_id, h.agency_id AS facility_id, f.region_code,
       printf('社区矫正对象%s的机动车驾驶证于%s被吊销，此后仍有%d次车辆通行记录（首次%s）。',
              p.name, h.revoked_on, h.n, h.activity_date) AS summary,
       json_object('cc_id', h.cc_id, 'revocation_event_id', h.rev_event,
                   'revoked_on', h.revoked_on, 'first_vehicle_record_id', h.record_id,
                   'first_vehicle_date', h.activity_date, 'vehicle_records', h.n) AS evidence
FROM hit h
JOIN persons p ON p.person_id = h.person_id
LEFT JOIN facilities f ON f.facility_id = h.agency_id
WHERE h.rn = 1
ORDER BY h.cc_id;
