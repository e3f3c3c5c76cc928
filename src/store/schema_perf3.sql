-- schema_perf3.sql — migration "perf-3": indexes the clustered feed tables make redundant
-- (issue 15), each built by every large import and kept up by every row written.
-- judgments_case (case_no) holds, on the WITHOUT ROWID judgments, the primary key after
-- case_no: the very columns of judgments_case_person. cells_cell is a prefix of
-- cells_cell_cover. cc_events_kind (kind, cc_id, event_date) served the rowid layout; the
-- readers of cc_events (the engine's cursor, CC-04's reviews of one cc_id, the user model
-- U-DRIVE-01's scan of detail) go through the primary key (cc_id, event_date, event_id).
DROP INDEX IF EXISTS judgments_case;
DROP INDEX IF EXISTS cells_cell;
DROP INDEX IF EXISTS cc_events_kind;
