/*
 * office.c — the resident office records (log, talks, meetings, letters), complaints with
 * their history, and leads raised by hand from them (see office.h). The complaint →
 * calculation path is in complaint_calc.c.
 */
#include "cases/office.h"
#include "cases/audit.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/office_enums.h"
#include "util/xalloc.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define NAME_ROW(id, label) {id, label},
static const office_name complaint_kinds[] = {COMPLAINT_KIND_NAMES(NAME_ROW)};
static const office_name topics[] = {COMPLAINT_TOPIC_NAMES(NAME_ROW)};
static const office_name channels[] = {COMPLAINT_CHANNEL_NAMES(NAME_ROW)};
static const office_name talk_kinds[] = {TALK_KIND_NAMES(NAME_ROW)};

#define NAMES(rows) rows, sizeof rows / sizeof rows[0]

const char *office_name_find(const office_name *rows, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (!strcmp(id, rows[i].id))
            return rows[i].label;
    return NULL;
}

const char *office_name_label(const office_name *rows, size_t n, const char *id)
{
    const char *label = office_name_find(rows, n, id);
    return label ? label : id ? id : "";
}

bool office_complaint_kind_valid(const char *kind)
{
    return office_name_find(NAMES(complaint_kinds), kind) != NULL;
}

const char *office_complaint_kind_label(const char *kind)
{
    return office_name_label(NAMES(complaint_kinds), kind);
}

const char *office_topic_label(const char *topic)
{
    return office_name_label(NAMES(topics), topic);
}

static bool topic_valid(const char *topic)
{
    return office_name_find(NAMES(topics), topic) != NULL;
}

static int db_error(sqlite3 *db, zj_diag *d)
{
    if (d && !d->message[0])
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
    if (sqlite3_extended_errcode(db) == SQLITE_CONSTRAINT_TRIGGER &&
        strstr(sqlite3_errmsg(db), "person_link"))
        return ZJ_EFORBIDDEN;
    return ZJ_EDB;
}

int office_person_link_check(sqlite3 *db, const char *facility_id, const char *person_id,
                             zj_diag *d)
{
    if (!facility_id || !*facility_id || !person_id || !*person_id)
        return 0;
    sqlite3_stmt *st = store_prepare(
        db, "SELECT EXISTS (SELECT 1 FROM custody WHERE person_id = ?1 AND facility_id = ?2)"
            " OR EXISTS (SELECT 1 FROM leads WHERE person_id = ?1 AND facility_id = ?2"
            " AND source = 'model')");
    if (!st)
        return db_error(db, d);
    sqlite3_bind_text(st, 1, person_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, facility_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_ROW ? 0 : db_error(db, d);
    if (rc == 0 && !sqlite3_column_int(st, 0)) {
        zj_diag_set(d, "person_id", "person '%.64s' was never held at facility '%.64s'", person_id,
                    facility_id);
        rc = ZJ_EFORBIDDEN;
    }
    sqlite3_finalize(st);
    return rc;
}

static _Thread_local zj_date stamp_day = ZJ_DATE_NONE;

void office_stamp_override(zj_date day)
{
    stamp_day = day;
}

char *office_stamp(char buf[static 21])
{
    if (stamp_day == ZJ_DATE_NONE)
        return store_now(buf);
    char d[11];
    snprintf(buf, 21, "%sT09:00:00Z", date_format(stamp_day, d));
    return buf;
}

/* A family is an id of the glossary: 1–32 of [a-z_]. */
static bool family_ok(const char *f)
{
    size_t n = strlen(f);
    if (n == 0 || n > 32)
        return false;
    for (; *f; f++)
        if (!(*f >= 'a' && *f <= 'z') && *f != '_')
            return false;
    return true;
}

int office_lead_add(sqlite3 *db, const office_lead_spec *s, const char *actor, zj_date as_of,
                    long *lead_id, zj_diag *d)
{
    if (!s || !s->model_id || !s->subject || !s->source || !s->summary || !*s->summary) {
        zj_diag_set(d, "summary", "a lead needs a model, a subject, a source and a summary");
        return ZJ_EINVAL;
    }
    if (s->severity && *s->severity && strcmp(s->severity, "high") &&
        strcmp(s->severity, "medium") && strcmp(s->severity, "low")) {
        zj_diag_set(d, "severity", "unknown severity '%.40s' (high, medium, low)", s->severity);
        return ZJ_EINVAL;
    }
    if (s->family && *s->family && !family_ok(s->family)) {
        zj_diag_set(d, "family", "invalid family '%.40s' (an id such as changes, custody)",
                    s->family);
        return ZJ_EINVAL;
    }
    if (strcmp(s->source, "model") != 0) {
        int lrc = office_person_link_check(db, s->facility_id, s->person_id, d);
        if (lrc)
            return lrc;
    }
    const char *ev = s->evidence && *s->evidence ? s->evidence : "{}";
    unsigned char h[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(h, (const unsigned char *)ev, strlen(ev));
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    char day[11], now[21];
    date_format(as_of, day);
    int rc = ZJ_EDB;
    sqlite3_stmt *dup = store_prepare(db, "SELECT 1 FROM leads WHERE model_id = ? AND subject = ?");
    sqlite3_stmt *ins = store_prepare(
        db, "INSERT INTO leads(model_id, subject, person_id, facility_id, region_code, family,"
            " severity, status, first_seen, last_seen, summary, evidence, evidence_hash, basis,"
            " source) VALUES (?1, ?2, ?3, ?4, (SELECT region_code FROM facilities WHERE"
            " facility_id = ?4), ?5, ?6, 'open', ?7, ?7, ?8, ?9, ?10, ?11, ?12)");
    sqlite3_stmt *hist = store_prepare(
        db, "INSERT INTO lead_history(lead_id, at, actor, from_status, to_status, note)"
            " VALUES (?, ?, ?, NULL, 'open', ?)");
    if (!dup || !ins || !hist)
        goto cleanup;
    sqlite3_bind_text(dup, 1, s->model_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(dup, 2, s->subject, -1, SQLITE_STATIC);
    if (sqlite3_step(dup) == SQLITE_ROW) {
        zj_diag_set(d, "subject", "lead '%s %s' already exists", s->model_id, s->subject);
        rc = ZJ_EEXIST;
        goto cleanup;
    }
    sqlite3_bind_text(ins, 1, s->model_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, s->subject, -1, SQLITE_STATIC);
    store_bind_text_or_null(ins, 3, s->person_id);
    store_bind_text_or_null(ins, 4, s->facility_id);
    store_bind_text_or_null(ins, 5, s->family);
    sqlite3_bind_text(ins, 6, s->severity && *s->severity ? s->severity : "medium", -1,
                      SQLITE_STATIC);
    sqlite3_bind_text(ins, 7, day, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 8, s->summary, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 9, ev, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 10, hex, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 11, s->basis && *s->basis ? s->basis : "人工发现", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 12, s->source, -1, SQLITE_STATIC);
    if (sqlite3_step(ins) != SQLITE_DONE)
        goto cleanup;
    *lead_id = (long)sqlite3_last_insert_rowid(db);
    sqlite3_bind_int64(hist, 1, *lead_id);
    sqlite3_bind_text(hist, 2, office_stamp(now), -1, SQLITE_STATIC);
    sqlite3_bind_text(hist, 3, actor ? actor : "system", -1, SQLITE_STATIC);
    sqlite3_bind_text(hist, 4, s->source, -1, SQLITE_STATIC);
    if (sqlite3_step(hist) != SQLITE_DONE)
        goto cleanup;
    rc = 0;
cleanup:
    if (rc == ZJ_EDB)
        rc = db_error(db, d);
    sqlite3_finalize(dup);
    sqlite3_finalize(ins);
    sqlite3_finalize(hist);
    return rc;
}

/* Run an INSERT whose parameters are (text or NULL) strings in order; the id in *id. */
static int insert_texts(sqlite3 *db, const char *sql, const char *const *vals, int n, long *id,
                        zj_diag *d)
{
    sqlite3_stmt *st = store_prepare(db, sql);
    if (!st)
        return db_error(db, d);
    for (int i = 0; i < n; i++)
        store_bind_text_or_null(st, i + 1, vals[i]);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(db, d);
    if (rc == 0 && id)
        *id = (long)sqlite3_last_insert_rowid(db);
    sqlite3_finalize(st);
    return rc;
}

static bool need(const char *v, const char *field, zj_diag *d)
{
    if (v && *v)
        return true;
    zj_diag_set(d, field, "missing '%s'", field);
    return false;
}

/* A change and its audit entry, made by actor, in one transaction (or a savepoint of the
 * caller's): change_open, the change, then change_close with its rc, which appends the entry
 * (object "what:id") when rc is 0 and commits, or rolls back. */
static int change_open(sqlite3 *db, bool *own, zj_diag *d)
{
    return audit_change_open(db, own) == 0 ? 0 : db_error(db, d);
}

static int change_close(sqlite3 *db, bool own, int rc, const char *actor, const char *what, long id,
                        const char *detail)
{
    char obj[64];
    snprintf(obj, sizeof obj, "%s:%ld", what, id);
    return audit_change_close(db, own, rc, actor ? actor : "system", obj, detail);
}

/* The INSERT of a resident office record (insert_texts) with its audit entry. */
static int record_insert(sqlite3 *db, const char *what, const char *actor, const char *sql,
                         const char *const *vals, int n, long *id, zj_diag *d)
{
    bool own;
    long nid = 0;
    int rc = change_open(db, &own, d);
    if (rc)
        return rc;
    rc = insert_texts(db, sql, vals, n, &nid, d);
    rc = change_close(db, own, rc, actor, what, nid, "派驻检察记录");
    *id = rc ? 0 : nid;
    return rc;
}

int office_log_add(sqlite3 *db, const zj_scope *sc, const char *facility_id, zj_date day,
                   const char *author, const char *content, long *id, zj_diag *d)
{
    int src = scope_check(db, sc, facility_id, NULL, d);
    if (src)
        return src;
    if (!need(author, "author", d) || !need(content, "content", d))
        return ZJ_EINVAL;
    char b[11], now[21];
    const char *v[] = {facility_id, date_format(day, b), author, content, office_stamp(now)};
    return record_insert(db, "office:log", author,
                         "INSERT INTO office_log(facility_id, log_date, author, content,"
                         " created_at) VALUES (?,?,?,?,?)",
                         v, 5, id, d);
}

/* Before a record about person_id at facility_id: in scope, content given, the person linked
 * to the facility. */
static int person_record_check(sqlite3 *db, const zj_scope *sc, const char *facility_id,
                               const char *person_id, const char *content, zj_diag *d)
{
    int rc = scope_check(db, sc, facility_id, person_id, d);
    if (rc == 0 && !need(content, "content", d))
        rc = ZJ_EINVAL;
    if (rc == 0)
        rc = office_person_link_check(db, facility_id, person_id, d);
    return rc;
}

int office_talk_add(sqlite3 *db, const zj_scope *sc, const char *facility_id, const char *person_id,
                    zj_date day, const char *kind, const char *procurator, const char *content,
                    long *id, zj_diag *d)
{
    int src = scope_check(db, sc, facility_id, person_id, d);
    if (src)
        return src;
    if (!need(procurator, "procurator", d) || !need(content, "content", d))
        return ZJ_EINVAL;
    if (kind && *kind && !office_name_find(NAMES(talk_kinds), kind)) {
        zj_diag_set(d, "kind", "unknown talk kind '%.40s' (one of" NAMES_WORDS(TALK_KIND_NAMES) ")",
                    kind);
        return ZJ_EINVAL;
    }
    int lrc = office_person_link_check(db, facility_id, person_id, d);
    if (lrc)
        return lrc;
    char b[11], now[21];
    const char *v[] = {
        facility_id, person_id, date_format(day, b), kind && *kind ? kind : "routine",
        procurator,  content,   office_stamp(now)};
    return record_insert(db, "office:talks", procurator,
                         "INSERT INTO talks(facility_id, person_id, talk_date, kind,"
                         " procurator, content, created_at) VALUES (?,?,?,?,?,?,?)",
                         v, 7, id, d);
}

int office_meeting_add(sqlite3 *db, const zj_scope *sc, const char *facility_id,
                       const char *person_id, zj_date requested, zj_date held,
                       const char *procurator, const char *content, long *id, zj_diag *d)
{
    int rc = person_record_check(db, sc, facility_id, person_id, content, d);
    if (rc)
        return rc;
    char b1[11], b2[11], now[21];
    const char *v[] = {facility_id, person_id, date_format(requested, b1), date_format(held, b2),
                       procurator,  content,   office_stamp(now)};
    return record_insert(db, "office:meetings", procurator,
                         "INSERT INTO meetings(facility_id, person_id, requested_date,"
                         " held_date, procurator, content, created_at) VALUES (?,?,?,?,?,?,?)",
                         v, 7, id, d);
}

int office_letter_add(sqlite3 *db, const zj_scope *sc, const char *facility_id,
                      const char *person_id, zj_date received, const char *content,
                      const char *actor, long *id, zj_diag *d)
{
    int rc = person_record_check(db, sc, facility_id, person_id, content, d);
    if (rc)
        return rc;
    char b[11], now[21];
    const char *v[] = {facility_id, person_id, date_format(received, b), content,
                       office_stamp(now)};
    return record_insert(db, "office:letters", actor,
                         "INSERT INTO letters(facility_id, person_id, received_date, content,"
                         " created_at) VALUES (?,?,?,?,?)",
                         v, 5, id, d);
}

static int history_add(sqlite3 *db, long id, const char *actor, const char *from, const char *to,
                       const char *note, zj_diag *d)
{
    char now[21], idb[24];
    snprintf(idb, sizeof idb, "%ld", id);
    const char *v[] = {idb, office_stamp(now), actor ? actor : "system", from, to, note};
    return insert_texts(db,
                        "INSERT INTO complaint_history(complaint_id, at, actor, from_status,"
                        " to_status, note) VALUES (CAST(?1 AS INTEGER),?2,?3,?4,?5,?6)",
                        v, 6, NULL, d);
}

/* office_complaint_add after its scope check, without the audit entry. */
static int complaint_insert(sqlite3 *db, const office_complaint *c, const char *actor, long *id,
                            zj_diag *d)
{
    if (!c || !office_complaint_kind_valid(c->kind)) {
        zj_diag_set(d, "kind",
                    "unknown complaint kind '%s' (one of" NAMES_WORDS(COMPLAINT_KIND_NAMES) ")",
                    c && c->kind ? c->kind : "");
        return ZJ_EINVAL;
    }
    if (c->topic && *c->topic && !topic_valid(c->topic)) {
        zj_diag_set(d, "topic", "unknown complaint topic '%s'", c->topic);
        return ZJ_EINVAL;
    }
    if (!need(c->channel, "channel", d) || !need(c->content, "content", d))
        return ZJ_EINVAL;
    if (!office_name_find(NAMES(channels), c->channel)) {
        zj_diag_set(d, "channel",
                    "unknown channel '%.40s' (one of" NAMES_WORDS(COMPLAINT_CHANNEL_NAMES) ")",
                    c->channel);
        return ZJ_EINVAL;
    }
    if (c->received == ZJ_DATE_NONE) {
        zj_diag_set(d, "received_date", "missing 'received_date'");
        return ZJ_EINVAL;
    }
    int lrc = office_person_link_check(db, c->facility_id, c->person_id, d);
    if (lrc)
        return lrc;
    char b1[11], b2[11], b3[11], now[21], letter[24];
    snprintf(letter, sizeof letter, "%ld", c->letter_id);
    const char *v[] = {c->kind,
                       c->channel,
                       c->topic && *c->topic ? c->topic : "other",
                       c->person_id,
                       c->complainant,
                       c->facility_id,
                       c->content,
                       date_format(c->received, b1),
                       date_format(c->received + OFFICE_ACK_DAYS, b2),
                       date_format(date_add_months(c->received, OFFICE_ANSWER_MONTHS), b3),
                       c->letter_id > 0 ? letter : NULL,
                       office_stamp(now),
                       actor ? actor : "system"};
    /* facility: the given one, else that of the person's latest custody event; region:
     * the facility's */
    int rc = insert_texts(
        db,
        "INSERT INTO complaints(kind, channel, topic, person_id, complainant, facility_id,"
        " region_code, content, received_date, ack_due, deadline, letter_id, created_at,"
        " created_by) SELECT ?1,?2,?3,?4,?5, fac, (SELECT region_code FROM facilities"
        " WHERE facility_id = fac), ?7,?8,?9,?10, CAST(?11 AS INTEGER),?12,?13 FROM"
        " (SELECT coalesce(?6, (SELECT c.facility_id FROM custody c WHERE c.person_id = ?4"
        " ORDER BY c.event_date DESC, c.event_id DESC LIMIT 1)) AS fac)",
        v, 13, id, d);
    if (rc == 0)
        rc = history_add(db, *id, actor, NULL, "received",
                         c->letter_id > 0 ? "由检察官信箱来信转为控告举报申诉" : "受理", d);
    return rc;
}

int office_complaint_add(sqlite3 *db, const zj_scope *sc, const office_complaint *c,
                         const char *actor, long *id, zj_diag *d)
{
    *id = 0;
    if (!c)
        return complaint_insert(db, c, actor, id, d);
    office_complaint k = *c;
    if (!k.facility_id && sc->kind == SCOPE_FACILITY)
        k.facility_id = sc->value;
    if (k.facility_id ? !scope_has_facility(db, sc, k.facility_id) : sc->kind != SCOPE_COUNTRY) {
        zj_diag_set(d, "facility_id", "a complaint needs a facility in your scope");
        return ZJ_EFORBIDDEN;
    }
    if (!scope_has_person(db, sc, k.person_id)) {
        zj_diag_set(d, "person_id", "person '%s' is outside your scope", k.person_id);
        return ZJ_EFORBIDDEN;
    }
    bool own;
    long nid = 0;
    int rc = change_open(db, &own, d);
    if (rc)
        return rc;
    rc = complaint_insert(db, &k, actor, &nid, d);
    rc = change_close(db, own, rc, actor, "complaint", nid, "受理控告举报申诉");
    *id = rc ? 0 : nid;
    return rc;
}

/* Prepares sql (its one parameter: id) into *st and steps to its row; ZJ_ENOTFOUND "unknown
 * WHAT 'ID'" (field WHAT_id) when there is none. *st (NULL when the prepare failed) is the
 * caller's to finalize. */
static int record_row(sqlite3 *db, const char *sql, const char *what, long id, sqlite3_stmt **st,
                      zj_diag *d)
{
    *st = store_prepare(db, sql);
    if (!*st)
        return db_error(db, d);
    sqlite3_bind_int64(*st, 1, id);
    if (sqlite3_step(*st) == SQLITE_ROW)
        return 0;
    char field[32];
    snprintf(field, sizeof field, "%s_id", what);
    zj_diag_set(d, field, "unknown %s '%ld'", what, id);
    return ZJ_ENOTFOUND;
}

/* Current status of complaint id into buf; ZJ_ENOTFOUND when missing. */
static int complaint_status(sqlite3 *db, long id, char *buf, size_t n, zj_diag *d)
{
    sqlite3_stmt *st;
    int rc = record_row(db, "SELECT status FROM complaints WHERE complaint_id = ?", "complaint", id,
                        &st, d);
    if (rc == 0)
        snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return rc;
}

/* complaint_status, refusing a closed complaint: ZJ_ECONFLICT "complaint 'ID' <closed>". */
static int complaint_status_open(sqlite3 *db, long id, char *buf, size_t n, const char *closed,
                                 zj_diag *d)
{
    int rc = complaint_status(db, id, buf, n, d);
    if (rc == 0 && !strcmp(buf, "closed")) {
        zj_diag_set(d, "status", "complaint '%ld' %s", id, closed);
        rc = ZJ_ECONFLICT;
    }
    return rc;
}

static int complaint_route(sqlite3 *db, long id, const char *assignee, const char *actor,
                           zj_diag *d)
{
    char status[32];
    int rc = complaint_status_open(db, id, status, sizeof status, "is closed", d);
    if (rc)
        return rc;
    if (!need(assignee, "assignee", d))
        return ZJ_EINVAL;
    sqlite3_stmt *st = store_prepare(
        db, "UPDATE complaints SET assignee = ?, status = 'routed' WHERE complaint_id = ?");
    if (!st)
        return db_error(db, d);
    sqlite3_bind_text(st, 1, assignee, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, id);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(db, d);
    sqlite3_finalize(st);
    if (rc == 0) {
        char note[160];
        snprintf(note, sizeof note, "分派给 %s", assignee);
        rc = history_add(db, id, actor, status, "routed", note, d);
    }
    return rc;
}

static int complaint_close(sqlite3 *db, long id, const char *outcome, bool corrected, zj_date day,
                           const char *actor, zj_diag *d)
{
    char status[32];
    int rc = complaint_status_open(db, id, status, sizeof status, "is already closed", d);
    if (rc)
        return rc;
    if (!need(outcome, "outcome", d))
        return ZJ_EINVAL;
    char b[11];
    sqlite3_stmt *st = store_prepare(
        db, "UPDATE complaints SET status = 'closed', outcome = ?, corrected = ?, outcome_date = ?"
            " WHERE complaint_id = ?");
    if (!st)
        return db_error(db, d);
    sqlite3_bind_text(st, 1, outcome, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, corrected ? 1 : 0);
    sqlite3_bind_text(st, 3, date_format(day, b), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, id);
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(db, d);
    sqlite3_finalize(st);
    if (rc == 0)
        rc = history_add(db, id, actor, status, "closed", outcome, d);
    return rc;
}

static int complaint_to_lead(sqlite3 *db, long id, const char *actor, zj_date as_of, long *lead_id,
                             zj_diag *d)
{
    sqlite3_stmt *st;
    int rc = record_row(db,
                        "SELECT kind, topic, person_id, facility_id, content, lead_id FROM"
                        " complaints WHERE complaint_id = ?",
                        "complaint", id, &st, d);
    if (rc)
        goto cleanup;
    if (sqlite3_column_type(st, 5) != SQLITE_NULL) {
        *lead_id = (long)sqlite3_column_int64(st, 5);
        goto cleanup;
    }
    char subject[32], summary[600], ev[64];
    snprintf(subject, sizeof subject, "CMP-%ld", id);
    snprintf(summary, sizeof summary, "%s：%.500s",
             office_complaint_kind_label((const char *)sqlite3_column_text(st, 0)),
             (const char *)sqlite3_column_text(st, 4));
    snprintf(ev, sizeof ev, "{\"complaint_id\":%ld}", id);
    const char *topic = (const char *)sqlite3_column_text(st, 1);
    const char *family = !strcmp(topic, "sentence_length") || !strcmp(topic, "recidivism")
                             ? "delivery"
                         : !strcmp(topic, "change") ? "changes"
                         : !strcmp(topic, "other")  ? NULL
                                                    : topic;
    office_lead_spec spec = {
        .model_id = "COMPLAINT",
        .subject = subject,
        .source = "complaint",
        .person_id = (const char *)sqlite3_column_text(st, 2),
        .facility_id = (const char *)sqlite3_column_text(st, 3),
        .family = family,
        .summary = summary,
        .basis = "控告举报申诉（人民检察院办理控告申诉案件规定）",
        .evidence = ev,
    };
    rc = office_lead_add(db, &spec, actor, as_of, lead_id, d);
    if (rc == 0) {
        sqlite3_stmt *up =
            store_prepare(db, "UPDATE complaints SET lead_id = ? WHERE complaint_id = ?");
        if (!up) {
            rc = db_error(db, d);
            goto cleanup;
        }
        sqlite3_bind_int64(up, 1, *lead_id);
        sqlite3_bind_int64(up, 2, id);
        rc = sqlite3_step(up) == SQLITE_DONE ? 0 : db_error(db, d);
        sqlite3_finalize(up);
    }
cleanup:
    sqlite3_finalize(st);
    return rc;
}

/* The letter's facility, person, date and content; ZJ_ENOTFOUND / ZJ_ECONFLICT. */
static int letter_load(sqlite3 *db, long letter_id, char *fac, char *person, zj_date *day,
                       strbuf *content, zj_diag *d)
{
    sqlite3_stmt *st;
    int rc = record_row(db,
                        "SELECT facility_id, coalesce(person_id, ''), received_date, content,"
                        " status FROM letters WHERE letter_id = ?",
                        "letter", letter_id, &st, d);
    if (rc == 0 && strcmp((const char *)sqlite3_column_text(st, 4), "received") != 0) {
        zj_diag_set(d, "status", "letter '%ld' was already handled (%s)", letter_id,
                    (const char *)sqlite3_column_text(st, 4));
        rc = ZJ_ECONFLICT;
    } else if (rc == 0) {
        snprintf(fac, 64, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(person, 64, "%s", (const char *)sqlite3_column_text(st, 1));
        const char *ds = (const char *)sqlite3_column_text(st, 2);
        if (date_parse(ds, (unsigned)strlen(ds), day) != 0)
            *day = ZJ_DATE_NONE;
        strbuf_adds(content, (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_finalize(st);
    return rc;
}

static int letter_mark(sqlite3 *db, long letter_id, const char *status, const char *col, long ref,
                       const char *actor, zj_diag *d)
{
    /* col is one of two fixed column names chosen by the caller, never input */
    const char *sql =
        !strcmp(col, "complaint_id")
            ? "UPDATE letters SET status = ?, complaint_id = ?, handled_by = ? WHERE letter_id = ?"
            : "UPDATE letters SET status = ?, lead_id = ?, handled_by = ? WHERE letter_id = ?";
    sqlite3_stmt *st = store_prepare(db, sql);
    if (!st)
        return db_error(db, d);
    sqlite3_bind_text(st, 1, status, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, ref);
    sqlite3_bind_text(st, 3, actor ? actor : "system", -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, letter_id);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_error(db, d);
    sqlite3_finalize(st);
    return rc;
}

static int letter_to_complaint(sqlite3 *db, long letter_id, const char *kind, const char *topic,
                               const char *actor, long *complaint_id, zj_diag *d)
{
    char fac[64], person[64];
    zj_date day;
    strbuf content = STRBUF_INIT;
    int rc = letter_load(db, letter_id, fac, person, &day, &content, d);
    if (rc == 0) {
        office_complaint c = {.kind = kind,
                              .channel = "letter",
                              .topic = topic,
                              .person_id = person,
                              .complainant = person,
                              .facility_id = fac,
                              .content = content.buf,
                              .received = day,
                              .letter_id = letter_id};
        rc = complaint_insert(db, &c, actor, complaint_id, d);
    }
    if (rc == 0)
        rc = letter_mark(db, letter_id, "complaint", "complaint_id", *complaint_id, actor, d);
    strbuf_release(&content);
    return rc;
}

static int letter_to_lead(sqlite3 *db, long letter_id, const char *actor, zj_date as_of,
                          long *lead_id, zj_diag *d)
{
    char fac[64], person[64], subject[32], ev[64];
    zj_date day;
    strbuf content = STRBUF_INIT;
    int rc = letter_load(db, letter_id, fac, person, &day, &content, d);
    if (rc == 0) {
        snprintf(subject, sizeof subject, "LTR-%ld", letter_id);
        snprintf(ev, sizeof ev, "{\"letter_id\":%ld}", letter_id);
        strbuf summary = STRBUF_INIT;
        strbuf_adds(&summary, "检察官信箱来信反映：");
        strbuf_add(&summary, content.buf, content.len > 480 ? 480 : content.len);
        office_lead_spec spec = {.model_id = "LETTER",
                                 .subject = subject,
                                 .source = "letter",
                                 .person_id = person,
                                 .facility_id = fac,
                                 .summary = summary.buf,
                                 .basis = "检察官信箱来信",
                                 .evidence = ev};
        rc = office_lead_add(db, &spec, actor, as_of, lead_id, d);
        strbuf_release(&summary);
    }
    if (rc == 0)
        rc = letter_mark(db, letter_id, "lead", "lead_id", *lead_id, actor, d);
    strbuf_release(&content);
    return rc;
}

int office_complaint_route(sqlite3 *db, const zj_scope *sc, long id, const char *assignee,
                           const char *actor, zj_diag *d)
{
    bool own;
    int rc = scope_check_record(db, sc, SCOPE_COMPLAINT, id, d);
    if (rc || (rc = change_open(db, &own, d)) != 0)
        return rc;
    rc = complaint_route(db, id, assignee, actor, d);
    return change_close(db, own, rc, actor, "complaint", id, "分派控告举报申诉");
}

int office_complaint_close(sqlite3 *db, const zj_scope *sc, long id, const char *outcome,
                           bool corrected, zj_date day, const char *actor, zj_diag *d)
{
    bool own;
    int rc = scope_check_record(db, sc, SCOPE_COMPLAINT, id, d);
    if (rc || (rc = change_open(db, &own, d)) != 0)
        return rc;
    rc = complaint_close(db, id, outcome, corrected, day, actor, d);
    return change_close(db, own, rc, actor, "complaint", id, "办结控告举报申诉");
}

int office_complaint_to_lead(sqlite3 *db, const zj_scope *sc, long id, const char *actor,
                             zj_date as_of, long *lead_id, zj_diag *d)
{
    bool own;
    *lead_id = 0;
    int rc = scope_check_record(db, sc, SCOPE_COMPLAINT, id, d);
    if (rc || (rc = change_open(db, &own, d)) != 0)
        return rc;
    rc = complaint_to_lead(db, id, actor, as_of, lead_id, d);
    rc = change_close(db, own, rc, actor, "complaint", id, "控告举报申诉转为线索");
    if (rc)
        *lead_id = 0;
    return rc;
}

int office_letter_to_complaint(sqlite3 *db, const zj_scope *sc, long letter_id, const char *kind,
                               const char *topic, const char *actor, long *complaint_id, zj_diag *d)
{
    bool own;
    long cid = 0;
    *complaint_id = 0;
    int rc = scope_check_record(db, sc, SCOPE_LETTER, letter_id, d);
    if (rc || (rc = change_open(db, &own, d)) != 0)
        return rc;
    rc = letter_to_complaint(db, letter_id, kind, topic, actor, &cid, d);
    rc = change_close(db, own, rc, actor, "complaint", cid, "来信转为控告举报申诉");
    *complaint_id = rc ? 0 : cid;
    return rc;
}

int office_letter_to_lead(sqlite3 *db, const zj_scope *sc, long letter_id, const char *actor,
                          zj_date as_of, long *lead_id, zj_diag *d)
{
    bool own;
    long lid = 0;
    *lead_id = 0;
    int rc = scope_check_record(db, sc, SCOPE_LETTER, letter_id, d);
    if (rc || (rc = change_open(db, &own, d)) != 0)
        return rc;
    rc = letter_to_lead(db, letter_id, actor, as_of, &lid, d);
    rc = change_close(db, own, rc, actor, "lead", lid, "来信转为线索");
    *lead_id = rc ? 0 : lid;
    return rc;
}

static void col_json(strbuf *out, sqlite3_stmt *st, int col)
{
    switch (sqlite3_column_type(st, col)) {
    case SQLITE_NULL:
        strbuf_adds(out, "null");
        break;
    case SQLITE_INTEGER:
        strbuf_addf(out, "%lld", (long long)sqlite3_column_int64(st, col));
        break;
    default:
        strbuf_add_json_str(out, (const char *)sqlite3_column_text(st, col));
    }
}

int office_rows_json(sqlite3_stmt *st, strbuf *out,
                     void (*col)(strbuf *out, sqlite3_stmt *st, int col))
{
    strbuf_addch(out, '[');
    int s, n = 0;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        strbuf_adds(out, n++ ? ",{" : "{");
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            if (i)
                strbuf_addch(out, ',');
            strbuf_add_json_str(out, sqlite3_column_name(st, i));
            strbuf_addch(out, ':');
            col(out, st, i);
        }
        strbuf_addch(out, '}');
    }
    strbuf_addch(out, ']');
    return s;
}

static int rows_json(sqlite3 *db, sqlite3_stmt *st, strbuf *out, zj_diag *d)
{
    return office_rows_json(st, out, col_json) == SQLITE_DONE ? 0 : db_error(db, d);
}

int office_complaints_json(sqlite3 *db, const zj_scope *sc, const char *region_prefix,
                           const char *facility_id, zj_date as_of, strbuf *out, zj_diag *d)
{
    char b[11];
    if (facility_id && !scope_has_facility(db, sc, facility_id)) {
        zj_diag_set(d, "facility_id", "facility '%s' is outside your scope", facility_id);
        return ZJ_EFORBIDDEN;
    }
    sqlite3_stmt *st = store_prepare(
        db, "SELECT complaint_id, kind, channel, topic, person_id, complainant, facility_id,"
            " region_code, content, received_date, ack_due, deadline, assignee, status, outcome,"
            " outcome_date, corrected, letter_id, lead_id,"
            " (status <> 'closed' AND deadline < ?4) AS overdue"
            " FROM complaints WHERE " SCOPE_SQL(
                "facility_id",
                "region_code") " AND substr(coalesce(region_code, ''), 1, length(?3)) = ?3"
                               " AND (?5 IS NULL OR facility_id = ?5)"
                               " ORDER BY received_date DESC, complaint_id DESC");
    if (!st)
        return db_error(db, d);
    scope_bind(st, sc);
    sqlite3_bind_text(st, 3, region_prefix ? region_prefix : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, date_format(as_of, b), -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 5, facility_id);
    int rc = rows_json(db, st, out, d);
    sqlite3_finalize(st);
    return rc;
}

int office_complaint_json(sqlite3 *db, const zj_scope *sc, long id, strbuf *out, zj_diag *d)
{
    int src = scope_check_record(db, sc, SCOPE_COMPLAINT, id, d);
    if (src)
        return src;
    sqlite3_stmt *c = store_prepare(db, "SELECT * FROM complaints WHERE complaint_id = ?");
    sqlite3_stmt *h = store_prepare(db, "SELECT at, actor, from_status, to_status, note FROM"
                                        " complaint_history WHERE complaint_id = ? ORDER BY id");
    int rc = ZJ_EDB;
    if (!c || !h)
        goto cleanup;
    sqlite3_bind_int64(c, 1, id);
    sqlite3_bind_int64(h, 1, id);
    if (sqlite3_step(c) != SQLITE_ROW) {
        zj_diag_set(d, "complaint_id", "unknown complaint '%ld'", id);
        rc = ZJ_ENOTFOUND;
        goto cleanup;
    }
    strbuf_addch(out, '{');
    for (int i = 0; i < sqlite3_column_count(c); i++) {
        strbuf_add_json_str(out, sqlite3_column_name(c, i));
        strbuf_addch(out, ':');
        col_json(out, c, i);
        strbuf_addch(out, ',');
    }
    strbuf_adds(out, "\"history\":");
    rc = rows_json(db, h, out, d);
    strbuf_addch(out, '}');
cleanup:
    if (rc == ZJ_EDB)
        db_error(db, d);
    sqlite3_finalize(c);
    sqlite3_finalize(h);
    return rc;
}

int office_journal_json(sqlite3 *db, const zj_scope *sc, const char *facility_id, strbuf *out,
                        zj_diag *d)
{
    int src = scope_check(db, sc, facility_id, NULL, d);
    if (src)
        return src;
    static const char *const parts[][2] = {
        {"log", "SELECT log_id, log_date, author, content FROM office_log WHERE facility_id = ?"
                " ORDER BY log_date DESC, log_id DESC LIMIT 500"},
        {"talks",
         "SELECT talk_id, person_id, talk_date, kind, procurator, content, lead_id"
         " FROM talks WHERE facility_id = ? ORDER BY talk_date DESC, talk_id DESC LIMIT 500"},
        {"meetings", "SELECT meeting_id, person_id, requested_date, held_date, procurator,"
                     " content, lead_id, complaint_id FROM meetings WHERE facility_id = ?"
                     " ORDER BY requested_date DESC, meeting_id DESC LIMIT 500"},
        {"letters", "SELECT letter_id, person_id, received_date, content, status, complaint_id,"
                    " lead_id, handled_by FROM letters WHERE facility_id = ?"
                    " ORDER BY received_date DESC, letter_id DESC LIMIT 500"},
    };
    strbuf_adds(out, "{\"facility_id\":");
    strbuf_add_json_str(out, facility_id);
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        sqlite3_stmt *st = store_prepare(db, parts[i][1]);
        if (!st)
            return db_error(db, d);
        sqlite3_bind_text(st, 1, facility_id ? facility_id : "", -1, SQLITE_STATIC);
        strbuf_addf(out, ",\"%s\":", parts[i][0]);
        int rc = rows_json(db, st, out, d);
        sqlite3_finalize(st);
        if (rc)
            return rc;
    }
    strbuf_addch(out, '}');
    return 0;
}

bool office_complaint_person(sqlite3 *db, const zj_scope *sc, long id, char *buf, size_t n)
{
    buf[0] = 0;
    if (!scope_has_record(db, sc, SCOPE_COMPLAINT, id))
        return false;
    sqlite3_stmt *st =
        store_stmt(db, "SELECT coalesce(person_id, '') FROM complaints WHERE complaint_id = ?");
    if (!st)
        return false;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
    store_stmt_done(st);
    return buf[0] != 0;
}
