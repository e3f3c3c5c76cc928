-- schema_import_jobs.sql — migration "import-jobs-1": the web server's import jobs
-- (src/web/api_import.c; docs/import.md, "Import jobs"): every upload queued for import,
-- its state and, once over, the HTTP status and JSON body of its result, so that the job
-- list and a finished job's result outlive the server process. Written by the server's
-- job thread; at start the server marks the jobs a stopped server left queued or running
-- as failed (an import is one transaction per file: nothing of such a file is in).
CREATE TABLE import_jobs (
    job_id       INTEGER PRIMARY KEY,  -- the id the upload's 202 answer gave
    account      TEXT NOT NULL,        -- the uploader (accounts.name)
    scope        TEXT NOT NULL,        -- the uploader's scope at upload ('country', 'region:32', 'facility:F1')
    region       TEXT,                 -- its region prefix (a facility's region_code); NULL: country
    file         TEXT NOT NULL,        -- the file's name as uploaded
    profile      TEXT NOT NULL,        -- the profile it is read through
    state        TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    queued_at    TEXT NOT NULL,        -- UTC 'YYYY-MM-DDTHH:MM:SSZ'
    started_at   TEXT,
    finished_at  TEXT,
    status       INTEGER,              -- once over: the HTTP status of the result (200, 400, 500)
    result       TEXT,                 -- once over: the result's JSON body (summary or error)
    rows_done    INTEGER,              -- rows read (the last progress count)
    rows_total   INTEGER,              -- rows estimated in all
    upload       TEXT                  -- while queued or running: the stored upload's path
);
CREATE INDEX import_jobs_account ON import_jobs(account, job_id);
