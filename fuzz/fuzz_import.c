/*
 * fuzz_import.c — fuzz target for whole import directories (src/ingest/ingest.h): a good
 * directory (facilities, persons, custody) plus one or two files made from the input —
 * staff.csv (loaded before persons) and/or medical.csv (after custody) — each of which may
 * be empty, a byte order mark alone, truncated, in mixed encodings, with NUL bytes or giant
 * fields.
 * Input: byte 0 picks the file (bit 0), a leading BOM (bit 1), a good header line before
 * the content (bit 2), a giant field (bit 3: the content with every '~' grown to 5000
 * bytes), and two files (bit 4: byte 1 splits the rest — its first part, with the choices
 * above, goes to the picked file; its second, with the BOM choice reversed, to the
 * other); the rest is the content.
 * Checks: the import ends with 0 or "a file refused" (never an I/O or database error);
 * every good row is loaded whatever the other files hold; each refused file has exactly
 * one reject row naming it (so two bad files give two); an accepted one has as many reject
 * rows as rejected rows, and read = loaded + replaced + unchanged + rejected; no reject
 * names a good file; everything stored is valid UTF-8 without NUL bytes.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/feeds.h"
#include "ingest/ingest.h"
#include "store/store.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char facilities_csv[] = "facility_id,name,kind,region_code,designated\n"
                                     "PR1,北京市第一监狱,prison,110105,\n"
                                     "DC1,北京市朝阳区看守所,看守所,110105,\n"
                                     "HS1,北京市监狱管理局中心医院,hospital,110105,1\n";
static const char persons_csv[] = "person_id,id_number,name,gender,birth_date\n"
                                  "P1,110105198005011235,张三,M,1980-05-01\n"
                                  "P2,110105197503152343,李四,女,1975-03-15\n"
                                  "P3,,王五,F,1990-02-02\n";
static const char custody_csv[] =
    "event_id,person_id,facility_id,event_type,event_date,judgment_id,note\n"
    "E1,P1,DC1,detain,2020-03-15,,\n"
    "E2,P2,PR1,admit,2021-05-01,,\"a note, with a comma\"\n"
    "E3,P3,PR1,admit,2022-01-01,,\n";
static const char *const headers[] = {
    "officer_id,name,facility_id,role\n",
    "exam_id,person_id,hospital_id,exam_date,kind,disease,severe_list_item,physician\n",
};
static const char *const feeds[] = {"staff", "medical"};

static char dir[64];
static sqlite3 *templ; /* the migrated, empty database every run starts from */

static void write_file(const char *name, const void *data, size_t n)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, n, f) != n)
        abort();
    fclose(f);
}

static void setup_once(void)
{
    if (templ)
        return;
    snprintf(dir, sizeof dir, "%s/zjfuzz.XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(dir))
        abort();
    write_file("facilities.csv", facilities_csv, sizeof facilities_csv - 1);
    write_file("persons.csv", persons_csv, sizeof persons_csv - 1);
    write_file("custody.csv", custody_csv, sizeof custody_csv - 1);
    zj_diag d = {0};
    if (store_open(":memory:", 0, &templ, &d) != 0)
        abort();
}

static long one_long(sqlite3 *db, const char *sql, const char *arg)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        abort();
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    long v = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* Every text value of the table's rows is valid UTF-8 without NUL bytes. */
static void check_text(sqlite3 *db, const char *table)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT * FROM %s", table);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        abort();
    while (sqlite3_step(st) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count(st); i++)
            if (sqlite3_column_type(st, i) == SQLITE_TEXT) {
                const char *s = (const char *)sqlite3_column_blob(st, i);
                if (!utf8_valid(s ? s : "", (size_t)sqlite3_column_bytes(st, i)))
                    abort();
            }
    sqlite3_finalize(st);
}

/* Write feeds[pick].csv from content (flags as byte 0's bits 1–3). */
static void write_fuzzed(int pick, int flags, const uint8_t *content, size_t n)
{
    strbuf file = STRBUF_INIT;
    strbuf_init(&file, n + 128);
    if (flags & 2)
        strbuf_add(&file, "\xEF\xBB\xBF", 3);
    if (flags & 4)
        strbuf_adds(&file, headers[pick]);
    for (size_t i = 0; i < n; i++) {
        if ((flags & 8) && content[i] == '~')
            for (int k = 0; k < 5000; k++)
                strbuf_addch(&file, 'x');
        else
            strbuf_addch(&file, (char)content[i]);
    }
    char name[32];
    snprintf(name, sizeof name, "%s.csv", feeds[pick]);
    write_file(name, file.buf ? file.buf : "", file.len);
    strbuf_release(&file);
}

/* The fuzzed file of feeds[pick]: refused alone with one reject naming it, or every row
 * accounted for. */
static void check_fuzzed(sqlite3 *db, int pick, const struct ingest_summary *s, int rc)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s.csv", dir, feeds[pick]);
    size_t fi = 0;
    while (fi < ingest_feed_count && strcmp(ingest_feeds[fi].name, feeds[pick]) != 0)
        fi++;
    if (fi == ingest_feed_count)
        abort();
    const struct ingest_counts *c = &s->feed[fi];
    long rejects = one_long(db, "SELECT count(*) FROM rejects WHERE file = ?", path);
    if (c->files_rejected) {
        if (c->files_rejected != 1 || rejects != 1 || rc != ZJ_EINVAL)
            abort();
    } else {
        if (rejects != c->rejected ||
            c->read != c->loaded + c->replaced + c->unchanged + c->rejected)
            abort();
    }
    check_text(db, feeds[pick]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup_once();
    if (size == 0)
        return 0;
    int pick = data[0] & 1;
    bool two = (data[0] & 16) && size >= 2;
    const uint8_t *content = data + 1 + two;
    size_t n = size - 1 - two, cut = two ? n * data[1] / 256 : n;
    write_fuzzed(pick, data[0], content, cut);
    char other[128];
    snprintf(other, sizeof other, "%s/%s.csv", dir, feeds[1 - pick]);
    if (two)
        write_fuzzed(1 - pick, data[0] ^ 2, content + cut, n - cut);
    else
        unlink(other);

    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        abort();
    sqlite3_backup *b = sqlite3_backup_init(db, "main", templ, "main");
    if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE)
        abort();
    sqlite3_backup_finish(b);
    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (zj_sql_functions_register(db) != 0) /* the importer's J-01 refresh calls them */
        abort();
    FILE *log = fopen("/dev/null", "w");
    struct ingest_options o = {.as_of = date_from_ymd(2025, 6, 30), .log = log, .user = "fuzz"};
    struct ingest_summary s;
    int rc = ingest_dir(db, dir, &o, &s);
    fclose(log);
    if (rc != 0 && rc != ZJ_EINVAL)
        abort();
    /* the good rows, whatever the other files held */
    if (one_long(db, "SELECT count(*) FROM facilities WHERE facility_id IN ('PR1','DC1','HS1')",
                 NULL) != 3 ||
        one_long(db, "SELECT count(*) FROM persons WHERE person_id IN ('P1','P2','P3')", NULL) !=
            3 ||
        one_long(db, "SELECT count(*) FROM custody WHERE event_id IN ('E1','E2','E3')", NULL) !=
            3 ||
        one_long(db, "SELECT count(*) FROM persons WHERE name = '张三'", NULL) != 1)
        abort();
    check_fuzzed(db, pick, &s, rc);
    if (two)
        check_fuzzed(db, 1 - pick, &s, rc);
    /* no reject names a good file */
    char pa[128], pb[128];
    snprintf(pa, sizeof pa, "%s/%s.csv", dir, feeds[pick]);
    snprintf(pb, sizeof pb, "%s/%s.csv", dir, feeds[two ? 1 - pick : pick]);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM rejects WHERE file NOT IN (?1, ?2)", -1, &st,
                           NULL) != SQLITE_OK)
        abort();
    sqlite3_bind_text(st, 1, pa, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, pb, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW || sqlite3_column_int64(st, 0) != 0)
        abort();
    sqlite3_finalize(st);
    check_text(db, "rejects");
    sqlite3_close(db);
    return 0;
}
