-- nat_schema_3.sql — national migration "national-3" (docs/national.md, "Cross-province
-- inspections"): the rounds of 跨省交叉巡回检察 that `national inspect --save` stores,
-- one prison per province and a team from the national pool of inspectors (the
-- provinces' published inspectors), so the next round rotates prisons and balances
-- the inspectors' workload. Written by the national side; the provinces read them.
CREATE TABLE nat.cross_rounds (
    round_id     bigserial PRIMARY KEY,
    start_date   text NOT NULL,
    end_date     text NOT NULL,
    focus        text,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE nat.cross_members (
    round_id     bigint NOT NULL REFERENCES nat.cross_rounds(round_id),
    province     text NOT NULL,   -- the prison's province
    facility_id  text NOT NULL,
    member_province text NOT NULL, -- the inspector's (the partition of nat.inspectors)
    inspector_id text NOT NULL,
    leader       boolean NOT NULL DEFAULT false,
    reason       text NOT NULL,
    PRIMARY KEY (round_id, member_province, inspector_id)
);
CREATE INDEX ON nat.cross_members (member_province, inspector_id);
CREATE INDEX ON nat.cross_members (province, facility_id);
