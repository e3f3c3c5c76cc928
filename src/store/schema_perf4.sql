-- schema_perf4.sql — migration "perf-4": the events of a correction other than its checkins
-- (issue 15). The checkins are ~93 % of cc_events; a screening whose models read only each
-- correction's latest checkin (MODEL_LAST_CHECKIN: CC-02, CC-04, CC-05) reads the other
-- events through this partial covering index, in the engine's order (cc_id, event_date,
-- event_id), and the latest checkin from the primary key.
CREATE INDEX IF NOT EXISTS cc_events_notable
    ON cc_events(cc_id, event_date, event_id, kind, region_code) WHERE kind <> 'checkin';
