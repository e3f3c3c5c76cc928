-- schema_models2.sql — migration "models2-1": indexes for the set-based models of
-- community correction (CC-02, CC-03, CC-05 look up cc_events by kind: warnings,
-- absconded, location, leave, revocation_proposed).
CREATE INDEX IF NOT EXISTS cc_events_kind ON cc_events(kind, cc_id, event_date);
