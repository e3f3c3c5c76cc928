-- schema_sources.sql — migration "sources-1": where a rejected row of a real source (a
-- spreadsheet read through a profile, src/sources/) was, and the reason in Chinese.
-- A CSV feed file leaves sheet, cell, source_column and converted empty.
ALTER TABLE rejects ADD COLUMN sheet TEXT;          -- worksheet name
ALTER TABLE rejects ADD COLUMN cell TEXT;           -- e.g. 'D12': column letter and row
ALTER TABLE rejects ADD COLUMN source_column TEXT;  -- the header text in the source, e.g. '出生日期'
ALTER TABLE rejects ADD COLUMN reason_zh TEXT;      -- the reason for people (reason stays English)
ALTER TABLE rejects ADD COLUMN converted TEXT;      -- the row converted to the feed's columns
                                                    -- (CSV, header in import_batches.header),
                                                    -- read by --retry-rejects
ALTER TABLE import_batches ADD COLUMN profile TEXT; -- the profile a source was read through
ALTER TABLE import_batches ADD COLUMN sheet TEXT;
