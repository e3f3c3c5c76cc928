/*
 * api_import.c — the import page's API (see api_import.h).
 */
#include "web/api_import.h"
#include "cases/audit.h"
#include "cases/scope.h"
#include "cases/sealed.h"
#include "ingest/feeds.h"
#include "ingest/ingest.h"
#include "sources/import.h"
#include "ingest/reason_zh.h"
#include "sources/xlsx_out.h"
#include "store/store.h"
#include "util/error.h"
#include "util/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static const char *txt(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* ---------- import jobs ---------- */

/* Uploads are imported by one job thread, one at a time (an import is one transaction per
 * file, and the server serves one database), in the order they came: the request that
 * stored the upload answers 202 with its job, queued behind those before it (at most
 * JOB_QUEUE_MAX wait), or, with ?wait=1, waits for its job and answers its result.
 *
 * An upload is durable before it is answered, without waiting for the database's write
 * lock (which a running import holds until its commit): the request writes it and the job
 * (as JSON) into the spool directory beside the database (DB-spool/, 0700: job-N.EXT and
 * job-N.job, each fsynced, then the directory). The job thread records the jobs in
 * import_jobs (schema_import_jobs.sql) when one starts (it and those queued behind it)
 * and when it ends (with the import's audit entry), and removes a job's spooled files once
 * its end is recorded. At start the server fails the jobs recorded as running (their
 * import's transaction was rolled back) and queues again every spooled job (recorded as
 * queued, or not recorded yet), in the order they came; a stop leaves the queued ones
 * spooled. The last JOB_SLOTS jobs stay in memory too, with the progress of the running
 * one; older ones are read from the table. */
#define JOB_SLOTS 64
#define JOB_QUEUE_MAX 16
#define JOB_LIST_MAX 200
#define JOB_PATH_MAX 4160 /* a spool file's path: the database's (< 4096) and 64 */
enum job_state { JOB_QUEUED = 1, JOB_RUNNING, JOB_DONE, JOB_FAILED };
static const char *const job_state_name[] = {"", "queued", "running", "done", "failed"};
struct import_job {
    long id;
    enum job_state state, stored; /* stored: the state its import_jobs row has (0: none) */
    char account[64], scope[80], region[64], name[208], key[300], what[200];
    char path[JOB_PATH_MAX]; /* the spooled upload */
    char profile[64];
    struct profile *p;
    zj_date today;
    int token_slot; /* the ?progress token's slot, or -1 */
    long done, total;
    int http;       /* the status of the result */
    json_t *result; /* the synchronous answer's body */
    time_t queued, started, finished;
};
static struct import_job job_slot[JOB_SLOTS];
static long job_next_id = 1;
static struct import_job *job_running;
static pthread_t job_thread;
static bool job_thread_live, job_stop;
static pthread_cond_t job_cond = PTHREAD_COND_INITIALIZER;
static char job_db_path[4096];
static char job_spool[4104]; /* the spool directory: the database's path and "-spool" */
static int job_spooling;     /* uploads given an id and being spooled (under progress_lock) */
static _Thread_local struct import_job *job_cur; /* the job of this thread */

/* The results of the jobs a server did not finish (recorded at the next start, or at stop). */
#define JOB_DIED_MSG                                                                               \
    "服务器在导入进行中停止运行，该文件未导入（导入在一个事务中进行，已整体撤销），请重新上传"
#define JOB_DIED_REASON "the server stopped while the import ran; its transaction was rolled back"
#define JOB_RECOVERED_MSG                                                                          \
    "服务器在该文件导入提交之后、记录结果之前停止运行；导入已完成，以上结果取自导入批次记录"
#define JOB_NOT_STARTED_MSG "服务器停止时该文件仍在排队，未导入，请重新上传"
#define JOB_NOT_STARTED_REASON "the server stopped before the import started"
#define JOB_SPOOLED_MSG "服务器正在停止，该文件已保存在导入队列中，服务器重新启动后自动导入"
#define JOB_SPOOLED_REASON "the server is stopping; the job stays queued and runs after the restart"

/* ---------- the spool ---------- */

static void spool_dir_of(const char *db_path, char *out, size_t cap)
{
    snprintf(out, cap, "%s-spool", db_path);
}

static void spool_path(long id, const char *suffix, char *out, size_t cap)
{
    snprintf(out, cap, "%s/job-%ld.%s", job_spool, id, suffix);
}

/* Write data[0..len) to fd and fsync it. 0 or -1. */
static int write_synced(int fd, const void *data, size_t len)
{
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, (const char *)data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        off += (size_t)w;
    }
    return fsync(fd);
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* Spool job j: its upload, written and fsynced at tmp, goes to j->path, and the job to
 * job-N.job; both in the spool directory, fsynced. 0, or -1 with nothing left behind. */
static int spool_job(const struct import_job *j, const char *tmp)
{
    char today[11], jtmp[JOB_PATH_MAX], jpath[JOB_PATH_MAX];
    date_format(j->today, today);
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "job", (json_int_t)j->id,
                  "account", j->account, "scope", j->scope, "region", j->region, "file", j->name,
                  "profile", j->profile, "key", j->key, "upload", base_name(j->path), "today",
                  today, "queued", (json_int_t)j->queued);
    char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
    json_decref(o);
    spool_path(j->id, "job.tmp", jtmp, sizeof jtmp);
    spool_path(j->id, "job", jpath, sizeof jpath);
    int rc = text && rename(tmp, j->path) == 0 ? 0 : -1;
    int fd = rc == 0 ? open(jtmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
    if (fd < 0 || write_synced(fd, text, strlen(text)) != 0)
        rc = -1;
    if (fd >= 0 && close(fd) != 0)
        rc = -1;
    if (rc == 0 && (rename(jtmp, jpath) != 0 || fsync_dir(job_spool) != 0))
        rc = -1;
    if (rc != 0) {
        unlink(tmp);
        unlink(j->path);
        unlink(jtmp);
        unlink(jpath);
    }
    free(text);
    return rc;
}

/* Remove the spooled files of job id (its upload at path). */
static void unspool(long id, const char *path)
{
    char jpath[JOB_PATH_MAX];
    spool_path(id, "job", jpath, sizeof jpath);
    if (path && *path)
        unlink(path);
    unlink(jpath);
}

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

/* Whether account a may see a job of account (scope, region) — its own, or one uploaded
 * within a's scope: the country sees all; a region prefix the jobs of accounts scoped to
 * that region or within it (a facility by its region code); a facility those of the same
 * facility. */
static bool job_visible(const zj_account *a, const char *account, const char *scope,
                        const char *region)
{
    if (!strcmp(a->name, account))
        return true;
    switch (a->scope.kind) {
    case SCOPE_COUNTRY:
        return true;
    case SCOPE_REGION:
        return region && *region && !strncmp(region, a->scope.value, strlen(a->scope.value));
    case SCOPE_FACILITY: {
        char f[96];
        snprintf(f, sizeof f, "facility:%s", a->scope.value);
        return scope && !strcmp(scope, f);
    }
    }
    return false;
}

/* A job's error result: {error, message (Chinese), reason}. */
static json_t *job_error(const char *error, const char *message, const char *reason)
{
    return json_pack("{s:s, s:s, s:s}", "error", error, "message", message, "reason", reason);
}

/* A copy of a job's fields for its import_jobs row. */
struct job_row {
    long id, done, total;
    int state, http;
    char account[64], scope[80], region[64], name[208], profile[64], path[JOB_PATH_MAX];
    time_t queued, started, finished;
    char *result;
};

/* Record the jobs whose state their row does not have yet, in one transaction with the
 * audit entry (actor, action, detail) when detail is given, then remove the spooled files
 * of those recorded as over. Called by the job thread, and at start and stop. */
static void jobs_store(sqlite3 *db, const char *actor, const char *action, const char *detail)
{
    struct job_row *rows = xcalloc(JOB_SLOTS, sizeof *rows);
    int n = 0;
    pthread_mutex_lock(&progress_lock);
    for (int i = 0; i < JOB_SLOTS; i++) {
        const struct import_job *j = &job_slot[i];
        if (!j->id || j->state == j->stored)
            continue;
        struct job_row *w = &rows[n++];
        w->id = j->id;
        w->state = (int)j->state;
        w->http = j->http;
        w->done = j->done;
        w->total = j->total;
        memcpy(w->account, j->account, sizeof w->account);
        memcpy(w->scope, j->scope, sizeof w->scope);
        memcpy(w->region, j->region, sizeof w->region);
        memcpy(w->name, j->name, sizeof w->name);
        memcpy(w->profile, j->profile, sizeof w->profile);
        memcpy(w->path, j->path, sizeof w->path);
        w->queued = j->queued;
        w->started = j->started;
        w->finished = j->finished;
        w->result = j->state >= JOB_DONE && j->result ? json_dumps(j->result, JSON_COMPACT) : NULL;
    }
    pthread_mutex_unlock(&progress_lock);
    int rc = -1;
    sqlite3_stmt *st = NULL;
    if ((n || detail) && db && store_begin(db) == 0) {
        rc = sqlite3_prepare_v2(
                 db,
                 "INSERT INTO import_jobs(job_id, account, scope, region, file, profile, state, "
                 "queued_at, started_at, finished_at, status, result, rows_done, rows_total, "
                 "upload) VALUES(?1, ?2, ?3, nullif(?4, ''), ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                 "?13, ?14, nullif(?15, '')) ON CONFLICT(job_id) DO UPDATE SET "
                 "state = excluded.state, started_at = excluded.started_at, "
                 "finished_at = excluded.finished_at, status = excluded.status, "
                 "result = excluded.result, rows_done = excluded.rows_done, "
                 "rows_total = excluded.rows_total, upload = excluded.upload",
                 -1, &st, NULL) == SQLITE_OK
                 ? 0
                 : -1;
        for (int i = 0; i < n && rc == 0; i++) {
            const struct job_row *w = &rows[i];
            char q[32], s[32], f[32];
            store_utc(w->queued, q);
            store_utc(w->started, s);
            store_utc(w->finished, f);
            bool over = w->state >= JOB_DONE;
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, w->id);
            sqlite3_bind_text(st, 2, w->account, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, w->scope, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 4, w->region, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 5, w->name, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 6, w->profile, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 7, job_state_name[w->state], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 8, q, -1, SQLITE_TRANSIENT);
            if (w->started)
                sqlite3_bind_text(st, 9, s, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(st, 9);
            if (over) {
                sqlite3_bind_text(st, 10, f, -1, SQLITE_TRANSIENT);
                sqlite3_bind_int(st, 11, w->http);
            } else {
                sqlite3_bind_null(st, 10);
                sqlite3_bind_null(st, 11);
            }
            if (w->result)
                sqlite3_bind_text(st, 12, w->result, -1, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, 12);
            sqlite3_bind_int64(st, 13, w->done);
            sqlite3_bind_int64(st, 14, w->total);
            sqlite3_bind_text(st, 15, over ? "" : w->path, -1, SQLITE_STATIC);
            rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        }
        sqlite3_finalize(st);
        if (rc == 0 && detail)
            rc = audit_append(db, actor, action, "import", detail);
        if (rc == 0 && store_commit(db) == 0) {
            pthread_mutex_lock(&progress_lock);
            for (int i = 0; i < n; i++) {
                struct import_job *j = &job_slot[rows[i].id % JOB_SLOTS];
                if (j->id == rows[i].id && (int)j->state == rows[i].state)
                    j->stored = j->state;
            }
            pthread_mutex_unlock(&progress_lock);
            for (int i = 0; i < n; i++)
                if (rows[i].state >= JOB_DONE)
                    unspool(rows[i].id, rows[i].path);
        } else {
            rc = -1;
            store_rollback(db);
        }
    }
    if ((n || detail) && rc != 0)
        fprintf(stderr, "zhijian serve: cannot record %d import job(s): %s\n", n,
                db ? sqlite3_errmsg(db) : "no database");
    for (int i = 0; i < n; i++)
        free(rows[i].result);
    free(rows);
}

/* The result of the import of job j over db: *http and the answer's body; the audit entry
 * of the import into detail ("" when nothing was imported). */
/* One feed's counts in a job's summary. */
static json_t *feed_counts_json(const char *feed, const struct ingest_counts *c)
{
    return json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "feed", feed, "read", (json_int_t)c->read,
                     "loaded", (json_int_t)c->loaded, "replaced", (json_int_t)c->replaced,
                     "unchanged", (json_int_t)c->unchanged, "rejected", (json_int_t)c->rejected);
}

static json_t *job_import(sqlite3 *db, struct import_job *j, int *http, char *detail,
                          size_t detail_cap)
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
    if (rc == ZJ_EIO || rc == ZJ_EDB) {
        json_t *e = job_error("invalid input",
                              rc == ZJ_EIO ? "无法读取该文件（不是有效的表格文件？）"
                                           : "导入时数据库出错，未导入任何数据",
                              log ? log : "");
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
        json_array_append_new(feeds, feed_counts_json(ingest_feeds[i].name, c));
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
    snprintf(detail, detail_cap, "%.150s via %s: %ld rejected; job %ld", j->name, j->p->name,
             total_rej, j->id);
    *http = 200;
    return json_pack("{s:s, s:s, s:s, s:o, s:I, s:b, s:o}", "file", j->name, "profile", j->p->name,
                     "profile_label", j->p->label, "feeds", feeds, "rejected",
                     (json_int_t)total_rej, "refused", rc == ZJ_EINVAL, "messages", msgs);
}

/* The oldest queued job, or NULL (under progress_lock). */
static struct import_job *job_next_queued(void)
{
    struct import_job *next = NULL;
    for (int i = 0; i < JOB_SLOTS; i++)
        if (job_slot[i].id && job_slot[i].state == JOB_QUEUED &&
            (!next || job_slot[i].id < next->id))
            next = &job_slot[i];
    return next;
}

/* Job j over with result res (under progress_lock). */
static void job_finish(struct import_job *j, int http, json_t *res)
{
    json_decref(j->result);
    j->result = res;
    j->http = http;
    j->state = http == 200 ? JOB_DONE : JOB_FAILED;
    j->finished = time(NULL);
    if (j->token_slot >= 0)
        progress_slot[j->token_slot].finished = 1;
    profile_free(j->p);
    j->p = NULL;
}

/* The job thread: runs the queued jobs in order until the server stops; the jobs still
 * queued then stay spooled (and are recorded as queued) for the next start. */
static void *job_main(void *arg)
{
    (void)arg;
    sqlite3 *db = NULL;
    zj_diag d = {0};
    if (store_open(job_db_path, STORE_NO_MIGRATE, &db, &d) != 0) {
        fprintf(stderr, "zhijian serve: import jobs: %s\n", d.message);
        store_close(db);
        db = NULL;
    }
    pthread_mutex_lock(&progress_lock);
    for (;;) {
        struct import_job *j = NULL;
        while (!job_stop && !(j = job_next_queued()))
            pthread_cond_wait(&job_cond, &progress_lock);
        if (job_stop)
            break;
        j->state = JOB_RUNNING;
        j->started = time(NULL);
        job_running = j;
        char account[64];
        memcpy(account, j->account, sizeof account);
        pthread_cond_broadcast(&job_cond);
        pthread_mutex_unlock(&progress_lock);
        jobs_store(db, NULL, NULL, NULL); /* this job running, the ones queued behind it */
        job_cur = j;
        progress_cur = j->token_slot;
        progress_held = 0;
        int http = 500;
        char detail[300] = "";
        json_t *res;
        if (!db) {
            res = job_error("internal error", "导入时数据库出错，未导入任何数据", d.message);
        } else {
            res = job_import(db, j, &http, detail, sizeof detail);
            /* tests only: ZJ_TEST_IMPORT_DONE_HOLD=PATH holds the job thread after the
             * import's commit, before the job's end is recorded (a test kills it there) */
            ingest_test_wait("ZJ_TEST_IMPORT_DONE_HOLD");
        }
        progress_cur = -1;
        job_cur = NULL;
        pthread_mutex_lock(&progress_lock);
        job_finish(j, http, res);
        job_running = NULL;
        pthread_cond_broadcast(&job_cond);
        pthread_mutex_unlock(&progress_lock);
        /* the job's result, with the import's audit entry */
        jobs_store(db, account, "import_upload", detail[0] ? detail : NULL);
        pthread_mutex_lock(&progress_lock);
    }
    pthread_cond_broadcast(&job_cond); /* the requests waiting for a queued job */
    pthread_mutex_unlock(&progress_lock);
    jobs_store(db, NULL, NULL, NULL);
    store_close(db);
    return NULL;
}

/* The job's state as JSON (under progress_lock). */
static json_t *job_json(const struct import_job *j)
{
    json_t *o =
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I}", "job", (json_int_t)j->id,
                  "state", job_state_name[j->state], "file", j->name, "profile", j->profile,
                  "account", j->account, "what", j->what, "done", (json_int_t)j->done, "total",
                  (json_int_t)j->total, "status", (json_int_t)(j->state >= JOB_DONE ? j->http : 0));
    char t[32];
    store_utc(j->queued, t);
    json_object_set_new(o, "queued", json_string(t));
    if (j->state == JOB_QUEUED) { /* the jobs before it: the running one and older queued */
        long ahead = 0;
        for (int i = 0; i < JOB_SLOTS; i++)
            ahead +=
                job_slot[i].id && (job_slot[i].state == JOB_RUNNING ||
                                   (job_slot[i].state == JOB_QUEUED && job_slot[i].id < j->id));
        json_object_set_new(o, "ahead", json_integer(ahead));
    }
    if (j->started) {
        store_utc(j->started, t);
        json_object_set_new(o, "started", json_string(t));
    }
    if (j->state >= JOB_DONE) {
        store_utc(j->finished, t);
        json_object_set_new(o, "finished", json_string(t));
        json_object_set_new(o, "result", json_deep_copy(j->result));
    }
    return o;
}

#define JOB_ROW_SQL                                                                                \
    "SELECT job_id, state, file, profile, account, status, queued_at, started_at, finished_at, "   \
    "result, rows_done, rows_total, scope, region FROM import_jobs "

/* A job's row (JOB_ROW_SQL) as JSON, as job_json gives it; NULL when a may not see it. */
static json_t *job_row_json(sqlite3_stmt *st, const zj_account *a)
{
    const char *account = txt(st, 4);
    if (!job_visible(a, account ? account : "", txt(st, 12), txt(st, 13)))
        return NULL;
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s}", "job",
                          (json_int_t)sqlite3_column_int64(st, 0), "state", txt(st, 1), "file",
                          txt(st, 2), "profile", txt(st, 3), "account", account, "what", "", "done",
                          (json_int_t)sqlite3_column_int64(st, 10), "total",
                          (json_int_t)sqlite3_column_int64(st, 11), "status",
                          (json_int_t)sqlite3_column_int64(st, 5), "queued", txt(st, 6));
    if (!o)
        return NULL;
    if (txt(st, 7))
        json_object_set_new(o, "started", json_string(txt(st, 7)));
    if (txt(st, 8))
        json_object_set_new(o, "finished", json_string(txt(st, 8)));
    if (txt(st, 9)) {
        json_t *res = json_loads(txt(st, 9), 0, NULL);
        if (res)
            json_object_set_new(o, "result", res);
    }
    return o;
}

/* The state of job id's row, "" when it has none (NULL: a database error). */
static const char *job_row_state(sqlite3 *db, long id, char out[16])
{
    sqlite3_stmt *st = store_prepare(db, "SELECT state FROM import_jobs WHERE job_id = ?1");
    if (!st)
        return NULL;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    snprintf(out, 16, "%s", step == SQLITE_ROW && txt(st, 0) ? txt(st, 0) : "");
    sqlite3_finalize(st);
    return step == SQLITE_ROW || step == SQLITE_DONE ? out : NULL;
}

static const char *json_str(json_t *o, const char *key)
{
    const char *v = json_string_value(json_object_get(o, key));
    return v ? v : "";
}

/* Queue job id again from its spooled job file jpath (at start, before the job thread);
 * a job that cannot be read, whose upload is gone or whose profile no longer loads fails
 * as not started. A job whose slot is taken stays spooled for the next start. */
static void spool_resume(long id, const char *jpath, bool recorded)
{
    struct import_job *j = &job_slot[id % JOB_SLOTS];
    if (j->id)
        return;
    json_t *o = json_load_file(jpath, 0, NULL);
    j->id = id;
    j->state = JOB_QUEUED;
    j->stored = recorded ? JOB_QUEUED : 0;
    j->token_slot = -1;
    snprintf(j->account, sizeof j->account, "%s", json_str(o, "account"));
    snprintf(j->scope, sizeof j->scope, "%s", json_str(o, "scope"));
    snprintf(j->region, sizeof j->region, "%s", json_str(o, "region"));
    snprintf(j->name, sizeof j->name, "%s", json_str(o, "file"));
    snprintf(j->profile, sizeof j->profile, "%s", json_str(o, "profile"));
    snprintf(j->key, sizeof j->key, "%s", json_str(o, "key"));
    const char *up = json_str(o, "upload"), *today = json_str(o, "today");
    snprintf(j->path, sizeof j->path, "%s/%s", job_spool, up);
    j->queued = (time_t)json_integer_value(json_object_get(o, "queued"));
    char err[300] = "";
    if (!o || json_integer_value(json_object_get(o, "job")) != id || !*j->account || !*j->name ||
        !*j->key || !*up || strchr(up, '/') ||
        date_parse(today, (unsigned)strlen(today), &j->today) != 0)
        snprintf(err, sizeof err, "the spooled job %ld cannot be read", id);
    else if (access(j->path, R_OK) != 0)
        snprintf(err, sizeof err, "the spooled upload of job %ld is gone", id);
    else if (profile_load(j->profile, &j->p, err, sizeof err) != 0)
        j->p = NULL;
    if (!*j->account)
        snprintf(j->account, sizeof j->account, "?");
    if (!*j->name)
        snprintf(j->name, sizeof j->name, "job-%ld", id);
    if (!j->queued)
        j->queued = time(NULL);
    if (!j->p)
        job_finish(j, 503, job_error("unavailable", JOB_NOT_STARTED_MSG, err));
    json_decref(o);
}

/* The spool at start: every job-N.job queued again (spool_resume) unless its row says it is
 * over (its files go: the server stopped before it removed them), then the files of no job
 * removed (an upload never answered, a job file half written). The largest job id seen
 * into *max_id. 0 or -1. */
static int spool_load(sqlite3 *db, long *max_id)
{
    DIR *dir = opendir(job_spool);
    if (!dir)
        return -1;
    int rc = 0;
    for (int pass = 0; pass < 2 && rc == 0; pass++) {
        rewinddir(dir);
        for (struct dirent *e; rc == 0 && (e = readdir(dir));) {
            const char *f = e->d_name;
            char path[sizeof job_spool + sizeof e->d_name + 1], jpath[JOB_PATH_MAX], state[16];
            long id = 0;
            int used = 0;
            if (!strcmp(f, ".") || !strcmp(f, ".."))
                continue;
            snprintf(path, sizeof path, "%s/%s", job_spool, f);
            bool job = sscanf(f, "job-%ld.%n", &id, &used) == 1 && id > 0 && used > 0;
            bool job_file = job && !strcmp(f + used, "job");
            if (pass == 1) {
                if (job_file)
                    continue;
                if (job)
                    spool_path(id, "job", jpath, sizeof jpath);
                if (!job || access(jpath, F_OK) != 0)
                    unlink(path);
                continue;
            }
            if (!job_file)
                continue;
            if (id > *max_id)
                *max_id = id;
            if (!job_row_state(db, id, state))
                rc = -1;
            else if (!strcmp(state, "done") || !strcmp(state, "failed"))
                unlink(path);
            else
                spool_resume(id, path, !strcmp(state, "queued"));
        }
    }
    closedir(dir);
    return rc;
}

/* A job recorded as running at start whose import committed (the server died after the
 * commit, before the job's end was recorded): its upload is one transaction
 * (sources_import), so the batches it wrote under its key since the job started are all of
 * it. Recorded as done with a result made from those batches and the import's audit entry
 * (in the caller's transaction). 1 if so, 0 if it wrote no batch, -1 on a database error. */
static int job_recover(sqlite3 *db, long id, const char *now)
{
    sqlite3_stmt *st =
        store_prepare(db, "SELECT account, file, profile, started_at "
                          "FROM import_jobs WHERE job_id = ?1 AND state = 'running'");
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step != SQLITE_ROW || !txt(st, 3)) {
        sqlite3_finalize(st);
        return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : -1;
    }
    char account[64], name[208], profile[64], started[32], key[300], jpath[JOB_PATH_MAX];
    snprintf(account, sizeof account, "%s", txt(st, 0));
    snprintf(name, sizeof name, "%s", txt(st, 1));
    snprintf(profile, sizeof profile, "%s", txt(st, 2));
    snprintf(started, sizeof started, "%s", txt(st, 3));
    sqlite3_finalize(st);
    /* the key it was imported under: its spooled job's (a name cut to fit the row may
     * differ), else as the upload made it */
    spool_path(id, "job", jpath, sizeof jpath);
    json_t *jo = json_load_file(jpath, 0, NULL);
    const char *k = json_string_value(json_object_get(jo, "key"));
    if (k)
        snprintf(key, sizeof key, "%s", k);
    else
        snprintf(key, sizeof key, "upload:%s/%s", account, name);
    json_decref(jo);
    st = store_prepare(db, "SELECT feed, rows_read, loaded, replaced, unchanged, rejected "
                           "FROM import_batches WHERE file = ?1 AND started_at >= ?2 "
                           "AND finished_at IS NOT NULL ORDER BY batch_id");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, started, -1, SQLITE_STATIC);
    json_t *feeds = json_array();
    long rejected = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct ingest_counts c = {.read = (long)sqlite3_column_int64(st, 1),
                                  .loaded = (long)sqlite3_column_int64(st, 2),
                                  .replaced = (long)sqlite3_column_int64(st, 3),
                                  .unchanged = (long)sqlite3_column_int64(st, 4),
                                  .rejected = (long)sqlite3_column_int64(st, 5)};
        rejected += c.rejected;
        json_array_append_new(feeds, feed_counts_json(txt(st, 0), &c));
    }
    sqlite3_finalize(st);
    if (step != SQLITE_DONE || json_array_size(feeds) == 0) {
        json_decref(feeds);
        return step == SQLITE_DONE ? 0 : -1;
    }
    struct profile *p = NULL;
    char err[300];
    const char *label = profile_load(profile, &p, err, sizeof err) == 0 ? p->label : profile;
    json_t *res =
        json_pack("{s:s, s:s, s:s, s:o, s:I, s:b, s:[s], s:b}", "file", name, "profile", profile,
                  "profile_label", label, "feeds", feeds, "rejected", (json_int_t)rejected,
                  "refused", 0, "messages", JOB_RECOVERED_MSG, "recovered", 1);
    profile_free(p);
    char *text = res ? json_dumps(res, 0) : NULL;
    json_decref(res);
    char detail[300];
    snprintf(detail, sizeof detail, "%.150s via %s: %ld rejected; job %ld (recorded at restart)",
             name, profile, rejected, id);
    int rc = text ? 0 : -1;
    st = rc == 0 ? store_prepare(db, "UPDATE import_jobs SET state = 'done', finished_at = ?1, "
                                     "status = 200, result = ?2, upload = NULL WHERE job_id = ?3")
                 : NULL;
    if (!st)
        rc = -1;
    else {
        sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, id);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_finalize(st);
    }
    free(text);
    if (rc == 0)
        rc = audit_append(db, account, "import_upload", "import", detail) == 0 ? 0 : -1;
    return rc == 0 ? 1 : -1;
}

void api_import_spool_remove(const char *db_path)
{
    char dir[4200], path[4500];
    spool_dir_of(db_path, dir, sizeof dir);
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(dir);
}

int api_import_start(const char *db_path)
{
    snprintf(job_db_path, sizeof job_db_path, "%s", db_path);
    if (strlen(db_path) >= sizeof job_db_path - 1) {
        fprintf(stderr, "zhijian serve: the database's path is too long\n");
        return -1;
    }
    spool_dir_of(db_path, job_spool, sizeof job_spool);
    if (mkdir(job_spool, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "zhijian serve: cannot create the import spool %s: %s\n", job_spool,
                strerror(errno));
        return -1;
    }
    sqlite3 *db = NULL;
    zj_diag d = {0};
    if (store_open(job_db_path, STORE_NO_MIGRATE, &db, &d) != 0) {
        fprintf(stderr, "zhijian serve: import jobs: %s\n", d.message);
        store_close(db);
        return -1;
    }
    /* the jobs a stopped server left running failed (their import's transaction was rolled
     * back) unless their import committed (job_recover: done), and those recorded as queued
     * that are not spooled (of a server before the spool); their uploads go. The spooled
     * ones are queued again below. */
    char now[21];
    store_now(now);
    int rc = store_begin(db) == 0 ? 0 : -1;
    sqlite3_int64 max_row = 0;
    long *fail_ids = xcalloc(1, sizeof *fail_ids);
    size_t n_fail = 0;
    sqlite3_stmt *st = NULL;
    if (rc == 0 && sqlite3_prepare_v2(db,
                                      "SELECT job_id, state, upload FROM import_jobs "
                                      "WHERE state IN ('queued', 'running')",
                                      -1, &st, NULL) == SQLITE_OK) {
        while (sqlite3_step(st) == SQLITE_ROW) {
            long id = (long)sqlite3_column_int64(st, 0);
            char jpath[JOB_PATH_MAX];
            spool_path(id, "job", jpath, sizeof jpath);
            if (!strcmp(txt(st, 1), "queued") && access(jpath, F_OK) == 0)
                continue;
            if (sqlite3_column_text(st, 2))
                unlink(txt(st, 2));
            fail_ids = xrealloc(fail_ids, (n_fail + 1) * sizeof *fail_ids);
            fail_ids[n_fail++] = id;
        }
    }
    sqlite3_finalize(st);
    st = NULL;
    /* a running job whose import committed is done (0 in fail_ids); the job files go */
    for (size_t i = 0; i < n_fail && rc == 0; i++) {
        char jpath[JOB_PATH_MAX];
        int r = job_recover(db, fail_ids[i], now);
        if (r < 0)
            rc = -1;
        spool_path(fail_ids[i], "job", jpath, sizeof jpath);
        unlink(jpath);
        if (r == 1)
            fail_ids[i] = 0;
    }
    json_t *died_j = job_error("internal error", JOB_DIED_MSG, JOB_DIED_REASON);
    json_t *queued_j = job_error("unavailable", JOB_NOT_STARTED_MSG, JOB_NOT_STARTED_REASON);
    char *died_res = json_dumps(died_j, 0), *queued_res = json_dumps(queued_j, 0);
    json_decref(died_j);
    json_decref(queued_j);
    if (rc == 0 && sqlite3_prepare_v2(db,
                                      "UPDATE import_jobs SET state = 'failed', finished_at = ?1, "
                                      "status = iif(state = 'running', 500, 503), result = "
                                      "iif(state = 'running', ?2, ?3), upload = NULL "
                                      "WHERE job_id = ?4",
                                      -1, &st, NULL) == SQLITE_OK) {
        sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, died_res, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, queued_res, -1, SQLITE_STATIC);
        for (size_t i = 0; i < n_fail && rc == 0; i++) {
            if (!fail_ids[i])
                continue;
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 4, fail_ids[i]);
            rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        }
    } else {
        rc = -1;
    }
    sqlite3_finalize(st);
    free(fail_ids);
    free(died_res);
    free(queued_res);
    /* ids given twice when the largest cannot be read: the server does not start */
    if (rc == 0 &&
        store_query_int64(db, "SELECT coalesce(max(job_id), 0) FROM import_jobs", &max_row))
        rc = -1;
    if (rc != 0 || store_commit(db) != 0) {
        fprintf(stderr, "zhijian serve: import jobs: %s\n", sqlite3_errmsg(db));
        store_rollback(db);
        store_close(db);
        return -1;
    }
    /* every job acknowledged and not recorded as over is spooled: the ids go on past the
     * largest recorded or spooled one, never given twice */
    long max_id = (long)max_row;
    if (spool_load(db, &max_id) != 0) {
        fprintf(stderr, "zhijian serve: cannot read the import spool %s\n", job_spool);
        store_close(db);
        api_import_stop();
        return -1;
    }
    job_next_id = max_id + 1;
    jobs_store(db, NULL, NULL, NULL); /* the spooled jobs not recorded yet */
    store_close(db);
    job_stop = false;
    if (pthread_create(&job_thread, NULL, job_main, NULL) != 0) {
        fprintf(stderr, "zhijian serve: cannot start the import job thread\n");
        api_import_stop();
        return -1;
    }
    job_thread_live = true;
    return 0;
}

void api_import_stop(void)
{
    pthread_mutex_lock(&progress_lock);
    bool live = job_thread_live;
    if (job_running)
        fprintf(stderr, "zhijian serve: waiting for import job %ld (%s) to finish\n",
                job_running->id, job_running->name);
    job_stop = true;
    job_thread_live = false;
    pthread_cond_broadcast(&job_cond);
    pthread_mutex_unlock(&progress_lock);
    if (live)
        pthread_join(job_thread, NULL);
    for (int i = 0; i < JOB_SLOTS; i++) {
        json_decref(job_slot[i].result);
        profile_free(job_slot[i].p);
        memset(&job_slot[i], 0, sizeof job_slot[i]);
    }
}

/* The uploader's region for scope visibility: a region's prefix, a facility's region code,
 * "" for the country. */
static void scope_region(struct web_req *r, char *out, size_t cap)
{
    out[0] = '\0';
    if (r->acct.scope.kind == SCOPE_REGION) {
        snprintf(out, cap, "%.63s", r->acct.scope.value);
    } else if (r->acct.scope.kind == SCOPE_FACILITY) {
        sqlite3_stmt *st =
            store_prepare(r->db, "SELECT region_code FROM facilities WHERE facility_id = ?1");
        if (!st)
            return;
        sqlite3_bind_text(st, 1, r->acct.scope.value, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW && txt(st, 0))
            snprintf(out, cap, "%s", txt(st, 0));
        sqlite3_finalize(st);
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

    /* the upload durable first (fsynced in the spool), then read */
    char path[JOB_PATH_MAX];
    snprintf(path, sizeof path, "%s/upload-XXXXXX.%s", job_spool, ext);
    int fd = mkstemps(path, (int)strlen(ext) + 1);
    if (fd < 0)
        return web_error(r, ZJ_EIO, "cannot store the upload");
    int wrc = write_synced(fd, r->upload, r->upload_len);
    if (close(fd) != 0 || wrc != 0) {
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
    char region[64];
    scope_region(r, region, sizeof region);
    const char *token = web_query(r, "progress");
    int token_slot = progress_token_ok(token) ? progress_claim(token, r->acct.name) : -1;

    pthread_mutex_lock(&progress_lock);
    int queued = job_spooling;
    for (int i = 0; i < JOB_SLOTS; i++)
        queued += job_slot[i].id && job_slot[i].state == JOB_QUEUED;
    struct import_job *j = &job_slot[job_next_id % JOB_SLOTS];
    if (!job_thread_live || job_stop || queued >= JOB_QUEUE_MAX || (j->id && j->state < JOB_DONE)) {
        bool full = job_thread_live && !job_stop;
        pthread_mutex_unlock(&progress_lock);
        unlink(path);
        profile_free(p);
        return web_json(r, 503,
                        full ? json_pack("{s:s, s:s, s:s, s:i}", "error", "unavailable", "message",
                                         "导入队列已满，请待前面的文件导入后再上传", "reason",
                                         "the import queue is full", "queued", queued)
                             : job_error("unavailable", "服务器正在停止，暂不接受导入",
                                         "the server is stopping"));
    }
    long id = job_next_id++;
    job_spooling++;
    pthread_mutex_unlock(&progress_lock);
    /* the job spooled (no lock held: a spool write waits for no import) */
    struct import_job *nj = xcalloc(1, sizeof *nj);
    nj->id = id;
    nj->state = JOB_QUEUED;
    snprintf(nj->account, sizeof nj->account, "%s", r->acct.name);
    scope_format(&r->acct.scope, nj->scope, sizeof nj->scope);
    snprintf(nj->region, sizeof nj->region, "%s", region);
    snprintf(nj->name, sizeof nj->name, "%s", name);
    snprintf(nj->profile, sizeof nj->profile, "%s", p->name);
    upload_key(r, name, nj->key, sizeof nj->key);
    spool_path(id, ext, nj->path, sizeof nj->path);
    nj->p = p;
    nj->today = r->today;
    nj->token_slot = token_slot;
    nj->queued = time(NULL);
    int src = spool_job(nj, path);
    pthread_mutex_lock(&progress_lock);
    job_spooling--;
    if (src != 0 || job_stop) {
        /* spooled while the server stops: it is imported after the restart */
        pthread_mutex_unlock(&progress_lock);
        profile_free(p);
        free(nj);
        return src != 0 ? web_error(r, ZJ_EIO, "cannot store the upload")
                        : web_json(r, 503,
                                   json_pack("{s:s, s:s, s:s, s:I}", "error", "unavailable",
                                             "message", JOB_SPOOLED_MSG, "reason",
                                             JOB_SPOOLED_REASON, "job", (json_int_t)id));
    }
    json_decref(j->result);
    *j = *nj;
    free(nj);
    pthread_cond_broadcast(&job_cond);
    json_t *answer;
    int http = 202;
    if (sync) {
        /* a queued job stays queued when the server stops: answered so, not waited for */
        while (j->id == id && j->state < JOB_DONE && !(job_stop && j->state == JOB_QUEUED))
            pthread_cond_wait(&job_cond, &progress_lock);
        if (j->id == id && j->state >= JOB_DONE) {
            http = j->http;
            answer = json_deep_copy(j->result);
        } else {
            http = 503;
            answer =
                json_pack("{s:s, s:s, s:s, s:I}", "error", "unavailable", "message",
                          JOB_SPOOLED_MSG, "reason", JOB_SPOOLED_REASON, "job", (json_int_t)id);
        }
    } else {
        /* with none ahead the job starts at once: answer it running, not queued */
        bool ahead = job_running != NULL;
        for (int i = 0; i < JOB_SLOTS && !ahead; i++)
            ahead = job_slot[i].id && job_slot[i].id != id && job_slot[i].state == JOB_QUEUED;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 2;
        while (!ahead && j->id == id && j->state == JOB_QUEUED &&
               pthread_cond_timedwait(&job_cond, &progress_lock, &until) == 0)
            ;
        answer = job_json(j);
    }
    pthread_mutex_unlock(&progress_lock);
    return web_json(r, http, answer);
}

int api_import_job(struct web_req *r)
{
    long id = web_param_id(r, 0);
    json_t *o = NULL;
    bool in_memory = false;
    pthread_mutex_lock(&progress_lock);
    const struct import_job *j = id > 0 ? &job_slot[id % JOB_SLOTS] : NULL;
    if (j && j->id == id && j->state) {
        in_memory = true;
        if (job_visible(&r->acct, j->account, j->scope, j->region))
            o = job_json(j);
    }
    pthread_mutex_unlock(&progress_lock);
    if (!in_memory && id > 0) { /* a job of an earlier server, or older than the slots */
        sqlite3_stmt *st = store_prepare(r->db, JOB_ROW_SQL "WHERE job_id = ?1");
        if (!st)
            return web_error(r, ZJ_EDB, "cannot read the import job");
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) == SQLITE_ROW)
            o = job_row_json(st, &r->acct);
        sqlite3_finalize(st);
    }
    if (!o)
        return web_error(r, ZJ_ENOTFOUND, "no import job %ld in this account's scope", id);
    const char *state = json_string_value(json_object_get(o, "state"));
    if (state && (!strcmp(state, "done") || !strcmp(state, "failed"))) {
        /* the result, as the import itself, is audited; progress polls are not */
        char obj[32];
        snprintf(obj, sizeof obj, "job:%ld", id);
        web_audit_read(r, "import_job", obj, json_string_value(json_object_get(o, "file")));
    }
    return web_json(r, 200, o);
}

static int by_job_desc(const void *a, const void *b)
{
    json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "job"));
    json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "job"));
    return x < y ? 1 : x > y ? -1 : 0;
}

int api_import_jobs(struct web_req *r)
{
    const char *ls = web_query(r, "limit");
    long limit = ls ? strtol(ls, NULL, 10) : 50;
    if (limit < 1 || limit > JOB_LIST_MAX)
        limit = limit < 1 ? 50 : JOB_LIST_MAX;
    json_t **all = xcalloc(JOB_SLOTS + JOB_LIST_MAX, sizeof *all);
    long ids[JOB_SLOTS];
    size_t n = 0, nmem = 0;
    pthread_mutex_lock(&progress_lock);
    for (int i = 0; i < JOB_SLOTS; i++) {
        const struct import_job *j = &job_slot[i];
        if (!j->id || !j->state)
            continue;
        ids[nmem++] = j->id;
        if (job_visible(&r->acct, j->account, j->scope, j->region))
            all[n++] = job_json(j);
    }
    pthread_mutex_unlock(&progress_lock);
    /* the recorded jobs not in memory: of an earlier server, or older than the slots */
    sqlite3_stmt *st = store_prepare(r->db, JOB_ROW_SQL "ORDER BY job_id DESC LIMIT ?1");
    if (st) {
        sqlite3_bind_int(st, 1, JOB_LIST_MAX);
        while (sqlite3_step(st) == SQLITE_ROW && n < JOB_SLOTS + JOB_LIST_MAX) {
            long id = (long)sqlite3_column_int64(st, 0);
            bool mem = false;
            for (size_t i = 0; i < nmem && !mem; i++)
                mem = ids[i] == id;
            json_t *o = mem ? NULL : job_row_json(st, &r->acct);
            if (o)
                all[n++] = o;
        }
        sqlite3_finalize(st);
    }
    qsort(all, n, sizeof *all, by_job_desc);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        if ((long)i < limit)
            json_array_append_new(arr, all[i]);
        else
            json_decref(all[i]);
    }
    free(all);
    if (!st) {
        json_decref(arr);
        return web_error(r, ZJ_EDB, "cannot list the import jobs");
    }
    char detail[64];
    snprintf(detail, sizeof detail, "%zu jobs", json_array_size(arr));
    web_audit_read(r, "import_jobs", "list", detail);
    return web_json(r, 200, arr);
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
