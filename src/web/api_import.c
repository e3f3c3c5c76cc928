/*
 * api_import.c — the import page's API (see api_import.h).
 */
#include "web/api_import.h"
#include "cases/audit.h"
#include "cases/sealed.h"
#include "ingest/feeds.h"
#include "ingest/ingest.h"
#include "sources/import.h"
#include "ingest/reason_zh.h"
#include "sources/xlsx_out.h"
#include "store/store.h"
#include "util/error.h"
#include "util/xalloc.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_REJECTS_SHOWN 2000

/* ---------- progress of the uploads being imported ---------- */

/* An upload given ?progress=TOKEN reports, while it is imported, the file and feed, the
 * rows done and the estimated total under TOKEN, for GET /api/import/progress by the same
 * account. The last PROGRESS_SLOTS uploads are kept; a finished one keeps its last state. */
#define PROGRESS_SLOTS 32
static struct {
    char token[48], account[64], what[200];
    long done, total;
    int finished;
    time_t started;
} progress_slot[PROGRESS_SLOTS];
static pthread_mutex_t progress_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local int progress_cur = -1; /* the slot of this thread's import */

/* ingest_test_hold: this thread's import was held (tests only). */
static _Thread_local int progress_held;

static void progress_report(const char *what, long done, long total)
{
    if (progress_cur < 0 || !what)
        return;
    pthread_mutex_lock(&progress_lock);
    snprintf(progress_slot[progress_cur].what, sizeof progress_slot[0].what, "%s", what);
    progress_slot[progress_cur].done = done;
    progress_slot[progress_cur].total = total;
    pthread_mutex_unlock(&progress_lock);
}

static int progress_token_ok(const char *t)
{
    size_t n = t ? strlen(t) : 0;
    if (n < 16 || n >= sizeof progress_slot[0].token)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'a' && t[i] <= 'f') || t[i] == '-'))
            return 0;
    return 1;
}

/* A slot for token: the account's own slot of that token, else the oldest. */
static int progress_claim(const char *token, const char *account)
{
    pthread_mutex_lock(&progress_lock);
    int k = 0;
    for (int i = 0; i < PROGRESS_SLOTS; i++) {
        if (!strcmp(progress_slot[i].token, token) && !strcmp(progress_slot[i].account, account)) {
            k = i;
            break;
        }
        if (progress_slot[i].started < progress_slot[k].started)
            k = i;
    }
    snprintf(progress_slot[k].token, sizeof progress_slot[k].token, "%s", token);
    snprintf(progress_slot[k].account, sizeof progress_slot[k].account, "%s", account);
    progress_slot[k].what[0] = '\0';
    progress_slot[k].done = progress_slot[k].total = 0;
    progress_slot[k].finished = 0;
    progress_slot[k].started = time(NULL);
    pthread_mutex_unlock(&progress_lock);
    return k;
}

int api_import_progress(struct web_req *r)
{
    const char *token = web_query(r, "token");
    if (!progress_token_ok(token))
        return web_error(r, ZJ_EINVAL, "invalid progress token");
    json_t *j = NULL;
    pthread_mutex_lock(&progress_lock);
    for (int i = 0; i < PROGRESS_SLOTS && !j; i++)
        if (!strcmp(progress_slot[i].token, token) &&
            !strcmp(progress_slot[i].account, r->acct.name))
            j = json_pack("{s:s, s:I, s:I, s:b}", "what", progress_slot[i].what, "done",
                          (json_int_t)progress_slot[i].done, "total",
                          (json_int_t)progress_slot[i].total, "finished",
                          progress_slot[i].finished);
    pthread_mutex_unlock(&progress_lock);
    if (!j)
        return web_error(r, ZJ_ENOTFOUND, "no upload with this progress token");
    return web_json(r, 200, j);
}

int api_profiles(struct web_req *r)
{
    json_t *arr = json_array();
    const char *const *names = profile_builtin_names();
    for (size_t i = 0; names[i]; i++) {
        struct profile *p;
        char err[300];
        if (profile_load(names[i], &p, err, sizeof err) != 0)
            continue;
        json_t *feeds = json_array();
        for (int k = 0; k < p->nfeeds; k++)
            json_array_append_new(feeds, json_string(p->feeds[k].f->name));
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:s?, s:o}", "name", p->name, "label", p->label,
                                        "description", p->description, "feeds", feeds));
        profile_free(p);
    }
    return web_json(r, 200, arr);
}

/* The name under which an account's upload is recorded. */
static void upload_key(struct web_req *r, const char *name, char *out, size_t cap)
{
    snprintf(out, cap, "upload:%s/%s", r->acct.name, name);
}

static const char *base_name(const char *name)
{
    const char *s = strrchr(name, '/');
    return s ? s + 1 : name;
}

/* ---------- import jobs ---------- */

/* An upload is imported by a job thread of its own, one at a time (an import is one
 * transaction per file, and the server serves one database): the request that stored the
 * upload answers 202 with the job's id, or, with ?wait=1, waits for the job and answers
 * its result. The last JOB_SLOTS jobs are kept for GET /api/import/jobs/{id}. */
#define JOB_SLOTS 32
enum job_state { JOB_RUNNING = 1, JOB_DONE, JOB_FAILED };
struct import_job {
    long id;
    enum job_state state;
    char account[64], name[208], key[300], path[256], what[200];
    struct profile *p;
    zj_date today;
    int token_slot; /* the ?progress token's slot, or -1 */
    long done, total;
    int http;       /* the status of the result */
    json_t *result; /* the synchronous answer's body */
    time_t started, finished;
};
static struct import_job job_slot[JOB_SLOTS];
static long job_next_id = 1;
static struct import_job *job_running;
static pthread_t job_thread;
static bool job_thread_live;
static pthread_cond_t job_cond = PTHREAD_COND_INITIALIZER;
static char job_db_path[4096];
static _Thread_local struct import_job *job_cur; /* the job of this thread */

static void job_progress(const char *what, long done, long total)
{
    if (job_cur && what) {
        pthread_mutex_lock(&progress_lock);
        snprintf(job_cur->what, sizeof job_cur->what, "%s", what);
        job_cur->done = done;
        job_cur->total = total;
        pthread_mutex_unlock(&progress_lock);
    }
    progress_report(what, done, total);
    ingest_test_hold(done, total, &progress_held);
}

/* The result of the import of job j over db: *http and the answer's body. */
static json_t *job_import(sqlite3 *db, struct import_job *j, int *http)
{
    char *log = NULL;
    size_t loglen = 0;
    FILE *lf = open_memstream(&log, &loglen);
    struct ingest_options o = {
        .as_of = j->today, .user = j->account, .log = lf, .progress = job_progress};
    struct ingest_summary s;
    memset(&s, 0, sizeof s);
    int rc = sources_import(db, j->path, j->key, j->p, &o, &s);
    fclose(lf);
    unlink(j->path);
    if (rc == ZJ_EIO || rc == ZJ_EDB) {
        json_t *e = json_pack("{s:s, s:s, s:s}", "error", "invalid input", "message",
                              rc == ZJ_EIO ? "无法读取该文件（不是有效的表格文件？）"
                                           : "导入时数据库出错，未导入任何数据",
                              "reason", log ? log : "");
        free(log);
        *http = rc == ZJ_EIO ? 400 : 500;
        return e;
    }
    json_t *feeds = json_array();
    long total_rej = 0;
    for (size_t i = 0; i < ingest_feed_count; i++) {
        const struct ingest_counts *c = &s.feed[i];
        if (!c->files && !c->read)
            continue;
        total_rej += c->rejected;
        json_array_append_new(
            feeds, json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "feed", ingest_feeds[i].name, "read",
                             (json_int_t)c->read, "loaded", (json_int_t)c->loaded, "replaced",
                             (json_int_t)c->replaced, "unchanged", (json_int_t)c->unchanged,
                             "rejected", (json_int_t)c->rejected));
    }
    json_t *msgs = json_array();
    char prefix[128];
    snprintf(prefix, sizeof prefix, "upload:%s/", j->account);
    for (char *line = log, *nl2; line && *line; line = nl2 ? nl2 + 1 : NULL) {
        nl2 = strchr(line, '\n');
        if (nl2)
            *nl2 = '\0';
        char *m = !strncmp(line, "zhijian import: ", 16) ? line + 16 : line;
        /* the file as the uploader named it, not the key it is recorded under */
        for (char *q; (q = strstr(m, prefix));)
            memmove(q, q + strlen(prefix), strlen(q + strlen(prefix)) + 1);
        if (*m)
            json_array_append_new(msgs, json_string(m));
        if (!nl2)
            break;
    }
    free(log);
    char detail[300];
    snprintf(detail, sizeof detail, "%.150s via %s: %ld rejected; job %ld", j->name, j->p->name,
             total_rej, j->id);
    if (store_begin(db) == 0) {
        if (audit_append(db, j->account, "import_upload", "import", detail) == 0)
            store_commit(db);
        else
            store_rollback(db);
    }
    *http = 200;
    return json_pack("{s:s, s:s, s:s, s:o, s:I, s:b, s:o}", "file", j->name, "profile", j->p->name,
                     "profile_label", j->p->label, "feeds", feeds, "rejected",
                     (json_int_t)total_rej, "refused", rc == ZJ_EINVAL, "messages", msgs);
}

static void *job_main(void *arg)
{
    struct import_job *j = arg;
    job_cur = j;
    progress_cur = j->token_slot;
    progress_held = 0;
    sqlite3 *db = NULL;
    zj_diag d = {0};
    json_t *res;
    int http = 500;
    if (store_open(job_db_path, STORE_NO_MIGRATE, &db, &d) != 0) {
        unlink(j->path);
        res = json_pack("{s:s, s:s, s:s}", "error", "internal error", "message",
                        "导入时数据库出错，未导入任何数据", "reason", d.message);
    } else {
        res = job_import(db, j, &http);
    }
    store_close(db);
    pthread_mutex_lock(&progress_lock);
    if (progress_cur >= 0)
        progress_slot[progress_cur].finished = 1;
    j->result = res;
    j->http = http;
    j->state = http == 200 ? JOB_DONE : JOB_FAILED;
    j->finished = time(NULL);
    profile_free(j->p);
    j->p = NULL;
    job_running = NULL;
    pthread_cond_broadcast(&job_cond);
    pthread_mutex_unlock(&progress_lock);
    progress_cur = -1;
    job_cur = NULL;
    return NULL;
}

/* The job's state as JSON (under progress_lock). */
static json_t *job_json(const struct import_job *j)
{
    static const char *const names[] = {"", "running", "done", "failed"};
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I}", "job", (json_int_t)j->id, "state",
                          names[j->state], "file", j->name, "what", j->what, "done",
                          (json_int_t)j->done, "total", (json_int_t)j->total, "status",
                          (json_int_t)(j->state == JOB_RUNNING ? 0 : j->http));
    char t[32];
    struct tm tm;
    gmtime_r(&j->started, &tm);
    strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%SZ", &tm);
    json_object_set_new(o, "started", json_string(t));
    if (j->state != JOB_RUNNING) {
        gmtime_r(&j->finished, &tm);
        strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%SZ", &tm);
        json_object_set_new(o, "finished", json_string(t));
        json_object_set_new(o, "result", json_deep_copy(j->result));
    }
    return o;
}

void api_import_stop(void)
{
    pthread_mutex_lock(&progress_lock);
    bool live = job_thread_live;
    if (job_running)
        fprintf(stderr, "zhijian serve: waiting for import job %ld (%s) to finish\n",
                job_running->id, job_running->name);
    job_thread_live = false;
    pthread_mutex_unlock(&progress_lock);
    if (live)
        pthread_join(job_thread, NULL);
    for (int i = 0; i < JOB_SLOTS; i++) {
        json_decref(job_slot[i].result);
        job_slot[i].result = NULL;
    }
}

int api_import_upload(struct web_req *r)
{
    const char *name = web_query(r, "name"), *pn = web_query(r, "profile");
    const char *wait = web_query(r, "wait");
    if (!name)
        return web_error(r, ZJ_EINVAL, "the file's name is missing (?name=)");
    name = base_name(name);
    size_t nl = strlen(name);
    const char *dot = strrchr(name, '.');
    const char *ext = dot ? dot + 1 : "";
    if (!nl || nl > 200)
        return web_error(r, ZJ_EINVAL, "invalid file name");
    if (strcasecmp(ext, "xlsx") && strcasecmp(ext, "xls") && strcasecmp(ext, "csv"))
        return web_json(r, 400,
                        json_pack("{s:s, s:s, s:s}", "error", "invalid input", "message",
                                  "只能导入 .xlsx、.xls 或 .csv 文件", "reason",
                                  "only .xlsx, .xls and .csv files can be imported"));
    if (!r->upload_len)
        return web_error(r, ZJ_EINVAL, "empty file");
    if (!pn || !*pn)
        pn = "auto";
    if (strchr(pn, '/') || strchr(pn, '.'))
        return web_error(r, ZJ_EINVAL, "unknown profile '%s'", pn);
    bool sync = wait && !strcmp(wait, "1");

    pthread_mutex_lock(&progress_lock);
    long busy = job_running ? job_running->id : 0;
    pthread_mutex_unlock(&progress_lock);
    if (busy)
        return web_json(r, 409,
                        json_pack("{s:s, s:s, s:s, s:I}", "error", "conflict", "message",
                                  "另一个导入正在进行，请待其完成后再上传", "reason",
                                  "another import is running", "job", (json_int_t)busy));

    char path[256];
    const char *t = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/zj-upload-XXXXXX.%s", t && *t ? t : "/tmp", ext);
    int fd = mkstemps(path, (int)strlen(ext) + 1);
    if (fd < 0)
        return web_error(r, ZJ_EIO, "cannot store the upload");
    size_t off = 0;
    while (off < r->upload_len) {
        ssize_t w = write(fd, r->upload + off, r->upload_len - off);
        if (w <= 0)
            break;
        off += (size_t)w;
    }
    close(fd);
    if (off != r->upload_len) {
        unlink(path);
        return web_error(r, ZJ_EIO, "cannot store the upload");
    }

    char pname[64], err[600];
    if (!strcmp(pn, "auto")) {
        if (sources_detect(path, pname, sizeof pname, err, sizeof err) != 0) {
            unlink(path);
            return web_json(r, 400,
                            json_pack("{s:s, s:s, s:s}", "error", "invalid input", "message",
                                      "没有与该文件表头相符的模板，请选择模板后重试", "reason",
                                      err));
        }
        pn = pname;
    }
    struct profile *p;
    if (profile_load(pn, &p, err, sizeof err) != 0) {
        unlink(path);
        return web_error(r, ZJ_EINVAL, "unknown profile '%s'", pn);
    }
    const char *token = web_query(r, "progress");
    int token_slot = progress_token_ok(token) ? progress_claim(token, r->acct.name) : -1;

    pthread_mutex_lock(&progress_lock);
    if (job_running) { /* another request started one meanwhile */
        long id = job_running->id;
        pthread_mutex_unlock(&progress_lock);
        unlink(path);
        profile_free(p);
        return web_json(r, 409,
                        json_pack("{s:s, s:s, s:s, s:I}", "error", "conflict", "message",
                                  "另一个导入正在进行，请待其完成后再上传", "reason",
                                  "another import is running", "job", (json_int_t)id));
    }
    if (job_thread_live) { /* the previous job's thread has finished its work */
        pthread_join(job_thread, NULL);
        job_thread_live = false;
    }
    long id = job_next_id++;
    struct import_job *j = &job_slot[id % JOB_SLOTS];
    json_decref(j->result);
    memset(j, 0, sizeof *j);
    j->id = id;
    j->state = JOB_RUNNING;
    snprintf(j->account, sizeof j->account, "%s", r->acct.name);
    snprintf(j->name, sizeof j->name, "%s", name);
    upload_key(r, name, j->key, sizeof j->key);
    snprintf(j->path, sizeof j->path, "%s", path);
    j->p = p;
    j->today = r->today;
    j->token_slot = token_slot;
    j->started = time(NULL);
    snprintf(job_db_path, sizeof job_db_path, "%s", web_db_path(r));
    if (pthread_create(&job_thread, NULL, job_main, j) != 0) {
        j->state = JOB_FAILED;
        j->http = 500;
        j->p = NULL;
        pthread_mutex_unlock(&progress_lock);
        unlink(path);
        profile_free(p);
        return web_error(r, ZJ_EIO, "cannot start the import");
    }
    job_thread_live = true;
    job_running = j;
    json_t *answer;
    int http = 202;
    if (sync) {
        while (j->id == id && j->state == JOB_RUNNING)
            pthread_cond_wait(&job_cond, &progress_lock);
        http = j->http;
        answer = json_deep_copy(j->result);
    } else {
        answer = job_json(j);
    }
    pthread_mutex_unlock(&progress_lock);
    return web_json(r, http, answer);
}

int api_import_job(struct web_req *r)
{
    long id = web_param_id(r, 0);
    json_t *o = NULL;
    bool finished = false;
    pthread_mutex_lock(&progress_lock);
    const struct import_job *j = id > 0 ? &job_slot[id % JOB_SLOTS] : NULL;
    if (j && j->id == id && j->state && !strcmp(j->account, r->acct.name)) {
        o = job_json(j);
        finished = j->state != JOB_RUNNING;
    }
    pthread_mutex_unlock(&progress_lock);
    if (!o)
        return web_error(r, ZJ_ENOTFOUND, "no import job %ld of this account", id);
    if (finished) { /* the result, as the import itself, is audited; progress polls are not */
        char obj[32];
        snprintf(obj, sizeof obj, "job:%ld", id);
        web_audit_read(r, "import_job", obj, json_string_value(json_object_get(o, "file")));
    }
    return web_json(r, 200, o);
}

/* The rejects of the account's upload ?file= (its name into *name): feed, sheet, line, cell,
 * source_column, column, reason (Chinese and English), raw. NULL after answering the error,
 * whose return value goes into *rc. */
static sqlite3_stmt *rejects_stmt(struct web_req *r, const char **name, int *rc)
{
    *name = web_query(r, "file");
    if (!*name) {
        *rc = web_error(r, ZJ_EINVAL, "which upload? (?file=)");
        return NULL;
    }
    char key[300];
    upload_key(r, base_name(*name), key, sizeof key);
    sqlite3_stmt *st =
        store_prepare(r->db, "SELECT feed, sheet, line, cell, source_column, column_name, "
                             "reason_zh, reason, raw, pending_ref FROM rejects "
                             "WHERE file = ?1 ORDER BY reject_id LIMIT ?2");
    if (!st) {
        *rc = web_error(r, ZJ_EDB, "cannot list the rejects");
        return NULL;
    }
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, MAX_REJECTS_SHOWN);
    return st;
}

static const char *txt(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

enum { REJECT_ZH_MAX = 1400, REJECT_WHERE_MAX = 1200 };

/* The Chinese reason of the reject row st (stored, else translated into zh) and its place in
 * upload name into where. */
static const char *reject_texts(sqlite3_stmt *st, const char *name, char zh[REJECT_ZH_MAX],
                                char where[REJECT_WHERE_MAX])
{
    const char *z = txt(st, 6);
    if (!z) {
        reason_zh(txt(st, 7), zh, REJECT_ZH_MAX);
        z = zh;
    }
    reason_zh_where(where, REJECT_WHERE_MAX, base_name(name), txt(st, 1),
                    (long)sqlite3_column_int64(st, 2), txt(st, 3), txt(st, 4), txt(st, 5));
    return z;
}

int api_import_rejects(struct web_req *r)
{
    const char *name;
    int rc = 0;
    sqlite3_stmt *st = rejects_stmt(r, &name, &rc);
    if (!st)
        return rc;
    json_t *arr = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        char zh[REJECT_ZH_MAX], where[REJECT_WHERE_MAX];
        const char *z = reject_texts(st, name, zh, where);
        char pid[64];
        char *masked = sealed_mask_raw(r->db, r->today, txt(st, 8), r->purpose_person, pid);
        json_t *o = json_pack(
            "{s:s, s:s?, s:I, s:s?, s:s?, s:s?, s:s, s:s, s:s, s:s, s:b}", "feed", txt(st, 0),
            "sheet", txt(st, 1), "line", (json_int_t)sqlite3_column_int64(st, 2), "cell",
            txt(st, 3), "source_column", txt(st, 4), "column", txt(st, 5), "where", where,
            "reason_zh", z, "reason", txt(st, 7), "raw",
            masked ? masked : (txt(st, 8) ? txt(st, 8) : ""), "pending", sqlite3_column_int(st, 9));
        if (masked && o)
            json_object_set_new(o, "sealed", json_true());
        free(masked);
        json_array_append_new(arr, o);
    }
    sqlite3_finalize(st);
    web_audit_read(r, "import_rejects", base_name(name), NULL);
    return web_json(r, 200, arr);
}

int api_import_rejects_xlsx(struct web_req *r)
{
    const char *name;
    int rc = 0;
    sqlite3_stmt *st = rejects_stmt(r, &name, &rc);
    if (!st)
        return rc;
    char path[256], err[300];
    if (xlsx_temp_path(path, sizeof path) != 0) {
        sqlite3_finalize(st);
        return web_error(r, ZJ_EIO, "cannot export the rejects");
    }
    static const char *const heads[] = {"数据类别", "位置", "原因", "原始数据", "原因（英文）"};
    char title[300];
    snprintf(title, sizeof title, "%s 导入退回的数据", base_name(name));
    struct xlsx_out *x = xlsx_out_open(path, "退回数据", title, heads, 5, err, sizeof err);
    if (!x) {
        sqlite3_finalize(st);
        unlink(path);
        return web_error(r, ZJ_EIO, "cannot export the rejects");
    }
    long n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        char zh[REJECT_ZH_MAX], where[REJECT_WHERE_MAX];
        const char *z = reject_texts(st, name, zh, where);
        char pid[64];
        char *masked = sealed_mask_raw(r->db, r->today, txt(st, 8), NULL, pid);
        const char *cells[5] = {txt(st, 0), where, z, masked ? masked : txt(st, 8), txt(st, 7)};
        xlsx_out_row(x, cells);
        free(masked);
        n++;
    }
    sqlite3_finalize(st);
    int wrc = xlsx_out_close(x, err, sizeof err);
    size_t len = 0;
    unsigned char *data = xlsx_take_file(path, &len);
    if (wrc != 0 || !data) {
        free(data);
        return web_error(r, ZJ_EIO, "cannot export the rejects");
    }
    char detail[300];
    snprintf(detail, sizeof detail, "rejects of %.150s: %ld rows", base_name(name), n);
    if (audit_append(r->db, r->acct.name, "export", "rejects", detail) != 0) {
        free(data);
        return web_error(r, ZJ_EDB, "cannot record the export");
    }
    snprintf(r->disposition, sizeof r->disposition, "attachment; filename=\"rejects.xlsx\"");
    return web_send_raw(r, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        data, len);
}
