/*
 * api_import.h — the import page's API (docs/import.md): the source profiles, the upload of
 * a spreadsheet or CSV of a source system through a profile (src/sources/import.h), and
 * the rows it left rejected, in Chinese, as JSON or .xlsx. Role: clerk (数据管理员) or
 * admin (AUTH_DATA). An upload is recorded under the uploader ("upload:<account>/<name>"),
 * so each account sees the rejects of its own uploads, and a corrected file uploaded under
 * the same name replaces them.
 */
#ifndef ZJ_WEB_API_IMPORT_H
#define ZJ_WEB_API_IMPORT_H
#include "web/web.h"

int api_profiles(struct web_req *r);
/* POST /api/import/upload: stores the upload and its job in the spool (fsynced: durable
 * before the answer, without waiting for a running import) and queues its import for the
 * job thread, which imports the uploads one at a time in the order they came; answers 202
 * with the job (queued, or running at once when none is ahead), 503 when JOB_QUEUE_MAX
 * (16) wait already; with ?wait=1 the job's result (200 with the summary, 400/500; 503
 * with the job when the server stops first: it runs after the restart). */
int api_import_upload(struct web_req *r);
/* GET /api/import/jobs/{id}: a job of the account or of an account within its scope:
 * state queued|running|done|failed, progress, and when over the result the synchronous
 * answer gives; read from memory, or from import_jobs for older jobs and those of an
 * earlier server. 404 for others. */
int api_import_job(struct web_req *r);
/* GET /api/import/jobs[?limit=N]: the jobs the account may see (as api_import_job), newest
 * first, at most N (50; up to 200). */
int api_import_jobs(struct web_req *r);
/* At server start (after the migrations): records the jobs a stopped server left running
 * as failed, queues again the jobs of the spool (DB-spool/), and starts the job thread.
 * 0, or -1 (said on stderr). */
int api_import_start(const char *db_path);
/* Remove the spool of the database at db_path (a database made afresh: its jobs go). */
void api_import_spool_remove(const char *db_path);
/* At server stop: waits for a running import to finish its file, records the jobs still
 * queued as queued (they stay spooled for the next start), stops the job thread and frees
 * the jobs. */
void api_import_stop(void);
int api_import_rejects(struct web_req *r);
int api_import_rejects_xlsx(struct web_req *r);
/* GET /api/import/progress?token=T: {what ("file → feed"), done, total (estimated rows),
 * finished} of the account's upload sent with ?progress=T (16–47 of [0-9a-f-]). */
int api_import_progress(struct web_req *r);

#endif
