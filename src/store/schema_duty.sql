-- The resident office's duty calendar (派驻检察日常检察事项, docs/duty-calendar.md): the
-- checklist as data, what was done for each item, the occurrences that call for a check at
-- once, and the rosters of proposed commutations, paroles and temporary executions
-- (提请减刑假释暂予监外执行花名册) with what their screening found.

CREATE TABLE duty_items (
    item_id      TEXT PRIMARY KEY,
    title        TEXT NOT NULL,               -- Chinese
    frequency    TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'batch', 'event')),
    record_what  TEXT NOT NULL,               -- what to record, in Chinese
    family       TEXT,                        -- the lead family of a finding
    position     INTEGER NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1
);

-- One check done: the item, the facility, the day, what was found ('' = nothing wrong),
-- and the lead a finding became. event_id / roster_batch: the occurrence or roster checked.
CREATE TABLE duty_records (
    record_id    INTEGER PRIMARY KEY,
    item_id      TEXT NOT NULL REFERENCES duty_items(item_id),
    facility_id  TEXT NOT NULL,
    duty_date    TEXT NOT NULL,
    findings     TEXT NOT NULL DEFAULT '',
    event_id     INTEGER REFERENCES duty_events(event_id),
    roster_batch INTEGER,
    lead_id      INTEGER REFERENCES leads(lead_id),
    author       TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX duty_records_facility ON duty_records(facility_id, item_id, duty_date);

-- An occurrence that calls for a check at once (escape, self-harm, death, epidemic,
-- accident): due on its day.
CREATE TABLE duty_events (
    event_id     INTEGER PRIMARY KEY,
    item_id      TEXT NOT NULL REFERENCES duty_items(item_id),
    facility_id  TEXT NOT NULL,
    event_date   TEXT NOT NULL,
    description  TEXT NOT NULL,
    person_id    TEXT,
    reported_by  TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX duty_events_facility ON duty_events(facility_id, event_date);

-- The proposals of a roster, loaded as the feed `proposals` (src/ingest/feeds.c, profile
-- proposals_roster): one row per person proposed, before the court or the prison
-- administration rules.
CREATE TABLE proposals (
    proposal_id  TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES persons(person_id),
    judgment_id  TEXT NOT NULL REFERENCES judgments(judgment_id),
    kind         TEXT NOT NULL,
    proposer_id  TEXT NOT NULL REFERENCES facilities(facility_id),
    proposal_date TEXT NOT NULL,
    roster_no    TEXT,
    grounds      TEXT,
    reduction_months INTEGER,
    reduction_days INTEGER,
    new_penalty  TEXT,
    new_term_months INTEGER,
    exam_id      TEXT REFERENCES medical(exam_id),
    points       INTEGER,
    leniency     TEXT,
    officer_id   TEXT,
    note         TEXT,
    extra TEXT, batch_id INTEGER
);
CREATE INDEX proposals_batch ON proposals(batch_id);
CREATE INDEX proposals_proposer ON proposals(proposer_id, proposal_date);

-- What the screening of a proposal found: one row per violation (rule id, kind, message),
-- or one row with rule '' when it found nothing; replaced on each screening.
CREATE TABLE proposal_checks (
    proposal_id  TEXT NOT NULL REFERENCES proposals(proposal_id),
    rule         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    model_id     TEXT NOT NULL,
    message      TEXT NOT NULL,
    checked_at   TEXT NOT NULL
);
CREATE INDEX proposal_checks_proposal ON proposal_checks(proposal_id);

INSERT INTO duty_items(item_id, title, frequency, record_what, family, position) VALUES
 ('video', '抽查重点时段监控录像', 'daily', '抽查的时段和监区、发现的问题', 'custody', 1),
 ('solitary', '检察禁闭和使用戒具情况', 'weekly', '禁闭、戒具使用的人员、审批手续和期限是否合规', 'custody', 2),
 ('injuries', '检察监狱医院伤情登记', 'weekly', '新增伤情的人员、原因、是否需要调查', 'custody', 3),
 ('new_arrivals', '与新收押人员谈话', 'weekly', '谈话人员、是否反映被体罚虐待或刑期问题', 'custody', 4),
 ('releases', '与即将出监人员谈话', 'weekly', '谈话人员、刑满日期是否正确、是否反映问题', 'delivery', 5),
 ('mailbox', '开启检察官信箱', 'weekly', '来信件数、反映的问题、转为控告申诉或线索的情况', 'custody', 6),
 ('contraband', '检察违禁品查处情况', 'weekly', '查获的违禁品、来源、处理情况', 'custody', 7),
 ('visits', '检察会见室', 'monthly', '会见登记、监听监控、是否有违规会见', 'custody', 8),
 ('analysis', '参加监狱狱情分析会', 'monthly', '会议日期、分析的问题、检察意见', 'custody', 9),
 ('scores', '检察计分考核和奖惩', 'monthly', '加分、奖励、处罚是否有依据，是否有突击加分', 'changes', 10),
 ('jobs', '检察勤杂岗位和辅助岗位变动', 'monthly', '调整的人员、是否经集体研究、是否有违规安排', 'changes', 11),
 ('roster', '审查提请减刑假释暂予监外执行花名册', 'batch', '花名册批次、人数、审查发现的问题（在法院裁定前）', 'changes', 12),
 ('escape', '脱逃事件检察', 'event', '事件经过、监管责任、是否涉嫌职务犯罪', 'custody', 13),
 ('self_harm', '自伤自残事件检察', 'event', '人员、经过、伤情、监管措施是否到位', 'custody', 14),
 ('death', '被监管人死亡检察', 'event', '死亡人员、原因、是否通知家属、是否需要调查', 'custody', 15),
 ('epidemic', '疫情检察', 'event', '疫情种类、人数、防控和医疗措施', 'custody', 16),
 ('accident', '安全事故检察', 'event', '事故经过、伤亡、责任', 'custody', 17);
