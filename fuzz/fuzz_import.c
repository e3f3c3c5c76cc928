/*
 * fuzz_import.c — fuzz target for whole import directories (src/ingest/ingest.h): a good
 * directory (facilities, persons, custody) plus one file made from the input — staff.csv
 * (loaded before persons) or medical.csv (after custody) — which may be empty, a byte
 * order mark alone, truncated, in mixed encodings, with NUL bytes or giant fields.
 * Input: byte 0 picks the file (bit 0), a leading BOM (bit 1), a good header line before
 * the content (bit 2), and a giant field (bit 3: the content with every '~' grown to
 * 5000 bytes); the rest is the content.
 * Checks: the import ends with 0 or "a file refused" (never an I/O or database error);
 * every good row is loaded whatever the other file holds; a refused file has exactly one
 * reject row naming it; an accepted one has as many reject rows as rejected rows, and
 * read = loaded + replaced + unchanged + rejected; everything stored is valid UTF-8
 * without NUL bytes.
 */
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

static const char facilities_csv[] =
    "facility_id,name,kind,region_code,designated\n"
    "PR1,北京市第一监狱,prison,110105,\n"
    "DC1,北京市朝阳区看守所,看守所,110105,\n"
    "HS1,北京市监狱管理局中心医院,hospital,110105,1\n";
static const char persons_csv[] =
    "person_id,id_number,name,gender,birth_date\n"
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
    snprintf(dir, sizeof dir, "%s/zjfuzz.XXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup_once();
    if (size == 0)
        return 0;
    int pick = data[0] & 1;
    strbuf file = STRBUF_INIT;
    strbuf_init(&file, size + 128);
    if (data[0] & 2)
        strbuf_add(&file, "\xEF\xBB\xBF", 3);
    if (data[0] & 4)
        strbuf_adds(&file, headers[pick]);
    for (size_t i = 1; i < size; i++) {
        if ((data[0] & 8) && data[i] == '~')
            for (int k = 0; k < 5000; k++)
                strbuf_addch(&file, 'x');
        else
            strbuf_addch(&file, (char)data[i]);
    }
    char name[32], path[128];
    snprintf(name, sizeof name, "%s.csv", feeds[pick]);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(name, file.buf ? file.buf : "", file.len);
    strbuf_release(&file);
    char other[128];
    snprintf(other, sizeof other, "%s/%s.csv", dir, feeds[1 - pick]);
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
    /* the good rows, whatever the other file held */
    if (one_long(db, "SELECT count(*) FROM facilities WHERE facility_id IN ('PR1','DC1','HS1')", NULL) != 3 ||
        one_long(db, "SELECT count(*) FROM persons WHERE person_id IN ('P1','P2','P3')", NULL) != 3 ||
        one_long(db, "SELECT count(*) FROM custody WHERE event_id IN ('E1','E2','E3')", NULL) != 3 ||
        one_long(db, "SELECT count(*) FROM persons WHERE name = '张三'", NULL) != 1)
        abort();
    /* the fuzzed file: refused alone with one reject naming it, or every row accounted */
    size_t fi = 0;
    while (fi < ingest_feed_count && strcmp(ingest_feeds[fi].name, feeds[pick]) != 0)
        fi++;
    if (fi == ingest_feed_count)
        abort();
    const struct ingest_counts *c = &s.feed[fi];
    long rejects = one_long(db, "SELECT count(*) FROM rejects WHERE file = ?", path);
    if (c->files_rejected) {
        if (rejects != 1 || rc != ZJ_EINVAL)
            abort();
    } else {
        if (rejects != c->rejected || c->read != c->loaded + c->replaced + c->unchanged + c->rejected)
            abort();
    }
    if (one_long(db, "SELECT count(*) FROM rejects WHERE file <> ?", path) != 0)
        abort();
    check_text(db, "rejects");
    check_text(db, feeds[pick]);
    sqlite3_close(db);
    return 0;
}
