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
/* POST /api/import/upload: stores the upload and imports it on a job thread of its own,
 * one import at a time (409 while one runs); answers 202 with the job, or with ?wait=1
 * the job's result (200 with the summary, 400/500). */
int api_import_upload(struct web_req *r);
/* GET /api/import/jobs/{id}: the account's own job: state running|done|failed, progress,
 * and when over the result the synchronous answer gives. */
int api_import_job(struct web_req *r);
/* At server stop: waits for a running import to finish, frees the jobs. */
void api_import_stop(void);
int api_import_rejects(struct web_req *r);
int api_import_rejects_xlsx(struct web_req *r);
/* GET /api/import/progress?token=T: {what ("file → feed"), done, total (estimated rows),
 * finished} of the account's upload sent with ?progress=T (16–47 of [0-9a-f-]). */
int api_import_progress(struct web_req *r);

#endif
