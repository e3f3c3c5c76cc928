/*
 * inspections.c — circuit inspection plans, the inspector pool and the team proposal
 * (rules T1–T5 in inspections.h), the starting list and findings.
 */
#include "cases/inspections.h"
#include "cases/audit.h"
#include "cases/office.h"
#include "models/models2.h"
#include "store/leads.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/office_enums.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void inspect_rules_default(inspect_rules *r)
{
    r->team_size = 5;
    r->recent_months = 24;
    r->workload_months = 12;
}

#define NAME_ROW(id, label) {id, label},
static const office_name kinds[] = {INSPECTION_KIND_NAMES(NAME_ROW)};
static const office_name specialities[] = {INSPECTION_SPECIALITY_NAMES(NAME_ROW)};

#define NAMES(rows) rows, sizeof rows / sizeof rows[0]

bool inspect_kind_valid(const char *kind)
{
    return office_name_find(NAMES(kinds), kind) != NULL;
}

const char *inspect_kind_label(const char *kind)
{
    return office_name_label(NAMES(kinds), kind);
}

const char *inspect_speciality_label(const char *id)
{
    return office_name_label(NAMES(specialities), id);
}

/* Split a ';' or ','-separated list into at most max trimmed, deduplicated items. */
static int split_list(const char *s, char items[][32], int max)
{
    int n = 0;
    while (s && *s && n < max) {
        while (*s == ' ' || *s == ';' || *s == ',')
            s++;
        size_t k = strcspn(s, ";,");
        while (k > 0 && s[k - 1] == ' ')
            k--;
        if (k > 0 && k < 32) {
            char item[32];
            memcpy(item, s, k);
            item[k] = 0;
            bool dup = false;
            for (int i = 0; i < n; i++)
                dup = dup || !strcmp(items[i], item);
            if (!dup)
                memcpy(items[n++], item, k + 1);
        }
        s += k;
        while (*s && *s != ';' && *s != ',')
            s++;
    }
    return n;
}

static bool has_speciality(const char *list, const char *spec)
{
    size_t n = strlen(spec);
    for (const char *p = list; p && *p;) {
        size_t k = strcspn(p, ";");
        if (k == n && !memcmp(p, spec, n))
            return true;
        p += k;
        if (*p)
            p++;
    }
    return false;
}

struct candidate {
    inspect_member m;
    bool same_province, recent, busy, eligible, chosen;
};

static const char *candidates_sql =
    "SELECT i.inspector_id, i.name, i.home_region,"
    " (SELECT group_concat(speciality, ';') FROM (SELECT speciality FROM"
    "   inspector_specialities s WHERE s.inspector_id = i.inspector_id ORDER BY speciality)),"
    " (SELECT count(*) FROM inspection_members m JOIN inspections x"
    "   ON x.inspection_id = m.inspection_id WHERE m.inspector_id = i.inspector_id"
    "   AND x.inspection_id <> :self AND x.end_date >= :wl_from),"
    " EXISTS (SELECT 1 FROM inspection_members m JOIN inspections x"
    "   ON x.inspection_id = m.inspection_id WHERE m.inspector_id = i.inspector_id"
    "   AND x.inspection_id <> :self AND x.facility_id = :fac"
    "   AND x.end_date >= :recent_from AND x.start_date <= :end),"
    " EXISTS (SELECT 1 FROM inspection_members m JOIN inspections x"
    "   ON x.inspection_id = m.inspection_id WHERE m.inspector_id = i.inspector_id"
    "   AND x.inspection_id <> :self AND x.start_date <= :end AND x.end_date >= :start),"
    " substr(i.home_region, 1, 2) = :prov"
    " FROM inspectors i WHERE i.active = 1 ORDER BY i.inspector_id";

static void bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_named_date(sqlite3_stmt *st, const char *name, zj_date d)
{
    char buf[11];
    bind_named_text(st, name, date_format(d, buf));
}

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    snprintf(dst, n, "%s", s ? (const char *)s : "");
}

/* Better candidate for a slot: less workload, then covering more still-needed
 * specialities, then the smaller inspector_id. */
static bool better(const struct candidate *a, int a_cover, const struct candidate *b, int b_cover)
{
    if (a->m.workload != b->m.workload)
        return a->m.workload < b->m.workload;
    if (a_cover != b_cover)
        return a_cover > b_cover;
    return strcmp(a->m.inspector_id, b->m.inspector_id) < 0;
}

static int uncovered_count(const struct candidate *c, char need[][32], const bool *covered,
                           int nneed)
{
    int k = 0;
    for (int i = 0; i < nneed; i++)
        if (!covered[i] && has_speciality(c->m.specialities, need[i]))
            k++;
    return k;
}

/* A plan's kind and period: 0, or ZJ_EINVAL with d saying which is wrong. */
static int plan_check(const inspect_plan *plan, zj_diag *d)
{
    if (!plan || !inspect_kind_valid(plan->kind)) {
        zj_diag_set(d, "kind", "unknown inspection kind '%s'",
                    plan && plan->kind ? plan->kind : "");
        return ZJ_EINVAL;
    }
    if (plan->start == ZJ_DATE_NONE || plan->end == ZJ_DATE_NONE || plan->end < plan->start) {
        zj_diag_set(d, "period", "the inspection period must have a start on or before its end");
        return ZJ_EINVAL;
    }
    return 0;
}

int inspect_propose_team(sqlite3 *db, const zj_scope *sc, const inspect_plan *plan, long exclude_id,
                         const inspect_rules *rules, inspect_team *out, zj_diag *d)
{
    memset(out, 0, sizeof *out);
    int src = scope_check(db, sc, plan ? plan->facility_id : NULL, NULL, d);
    if (src)
        return src;
    inspect_rules r;
    if (rules)
        r = *rules;
    else
        inspect_rules_default(&r);
    if (r.team_size < 1 || r.team_size > INSPECT_TEAM_MAX)
        r.team_size = 5;
    int rc = plan_check(plan, d);
    if (rc)
        return rc;
    char need[16][32];
    int nneed = split_list(plan->focus, need, 16);
    if (nneed > r.team_size) {
        zj_diag_set(d, "focus", "the focus needs %d specialities but the team has %d members",
                    nneed, r.team_size);
        return ZJ_ECONFLICT;
    }
    bool cross = !strcmp(plan->kind, "cross");

    char prov[3] = "";
    sqlite3_stmt *st =
        store_prepare(db, "SELECT region_code FROM facilities WHERE facility_id = ?");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, plan->facility_id ? plan->facility_id : "", -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found)
        snprintf(prov, sizeof prov, "%.2s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (!found) {
        zj_diag_set(d, "facility_id", "unknown facility '%s'",
                    plan->facility_id ? plan->facility_id : "");
        return ZJ_ENOTFOUND;
    }

    struct candidate *c = NULL;
    size_t nc = 0, cap = 0;
    rc = 0;
    st = store_prepare(db, candidates_sql);
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":self"), exclude_id);
    bind_named_date(st, ":wl_from", date_add_months(plan->start, -r.workload_months));
    bind_named_date(st, ":recent_from", date_add_months(plan->start, -r.recent_months));
    bind_named_date(st, ":start", plan->start);
    bind_named_date(st, ":end", plan->end);
    bind_named_text(st, ":fac", plan->facility_id);
    bind_named_text(st, ":prov", prov);
    int s;
    while ((s = sqlite3_step(st)) == SQLITE_ROW) {
        if (nc == cap) {
            cap = cap ? cap * 2 : 64;
            c = xrealloc(c, cap * sizeof *c);
        }
        struct candidate *x = &c[nc++];
        memset(x, 0, sizeof *x);
        copy_col(x->m.inspector_id, sizeof x->m.inspector_id, st, 0);
        copy_col(x->m.name, sizeof x->m.name, st, 1);
        copy_col(x->m.home_region, sizeof x->m.home_region, st, 2);
        copy_col(x->m.specialities, sizeof x->m.specialities, st, 3);
        x->m.workload = sqlite3_column_int(st, 4);
        x->recent = sqlite3_column_int(st, 5) != 0;
        x->busy = sqlite3_column_int(st, 6) != 0;
        x->same_province = sqlite3_column_int(st, 7) != 0;
        x->eligible = !x->busy && !(cross && (x->same_province || x->recent));
        out->pool++;
        if (x->busy)
            out->excluded_busy++;
        else if (cross && x->same_province)
            out->excluded_province++;
        else if (cross && x->recent)
            out->excluded_recent++;
    }
    if (s != SQLITE_DONE) {
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
        rc = ZJ_EDB;
    }
    sqlite3_finalize(st);
    if (rc)
        goto cleanup;

    /* T4 first: the rarest needed speciality gets its member first. */
    bool covered[16] = {0};
    for (int round = 0; round < nneed; round++) {
        int pick_need = -1, fewest = 0;
        for (int i = 0; i < nneed; i++) {
            if (covered[i])
                continue;
            int holders = 0;
            for (size_t k = 0; k < nc; k++)
                if (c[k].eligible && !c[k].chosen && has_speciality(c[k].m.specialities, need[i]))
                    holders++;
            if (pick_need < 0 || holders < fewest) {
                pick_need = i;
                fewest = holders;
            }
        }
        if (pick_need < 0)
            break;
        struct candidate *best = NULL;
        int best_cover = 0;
        for (size_t k = 0; k < nc; k++) {
            if (!c[k].eligible || c[k].chosen ||
                !has_speciality(c[k].m.specialities, need[pick_need]))
                continue;
            int cover = uncovered_count(&c[k], need, covered, nneed);
            if (!best || better(&c[k], cover, best, best_cover)) {
                best = &c[k];
                best_cover = cover;
            }
        }
        if (!best) {
            zj_diag_set(d, "focus",
                        "no eligible inspector with speciality '%s' for facility '%s' "
                        "(%d in the pool; excluded: %d same province, %d inspected it within "
                        "%d months, %d busy)",
                        need[pick_need], plan->facility_id, out->pool, out->excluded_province,
                        out->excluded_recent, r.recent_months, out->excluded_busy);
            rc = ZJ_ECONFLICT;
            goto cleanup;
        }
        best->chosen = true;
        snprintf(best->m.reason, sizeof best->m.reason, "speciality:%s", need[pick_need]);
        for (int i = 0; i < nneed; i++)
            if (has_speciality(best->m.specialities, need[i]))
                covered[i] = true;
        out->m[out->n++] = best->m;
    }
    /* T5: fill the remaining places with the least loaded eligible inspectors. */
    while (out->n < r.team_size) {
        struct candidate *best = NULL;
        for (size_t k = 0; k < nc; k++)
            if (c[k].eligible && !c[k].chosen && (!best || better(&c[k], 0, best, 0)))
                best = &c[k];
        if (!best)
            break;
        best->chosen = true;
        snprintf(best->m.reason, sizeof best->m.reason, "workload");
        out->m[out->n++] = best->m;
    }
    if (out->n < r.team_size) {
        zj_diag_set(d, "team",
                    "only %d eligible inspectors for a team of %d for facility '%s' "
                    "(%d in the pool; excluded: %d same province, %d inspected it within "
                    "%d months, %d busy)",
                    out->n, r.team_size, plan->facility_id, out->pool, out->excluded_province,
                    out->excluded_recent, r.recent_months, out->excluded_busy);
        rc = ZJ_ECONFLICT;
        goto cleanup;
    }
    /* The leader: the member with the most specialities (then the smaller id). */
    int lead = 0;
    for (int i = 1; i < out->n; i++) {
        size_t a = strlen(out->m[i].specialities), b = strlen(out->m[lead].specialities);
        if (a > b || (a == b && strcmp(out->m[i].inspector_id, out->m[lead].inspector_id) < 0))
            lead = i;
    }
    out->m[lead].leader = true;

cleanup:
    if (rc)
        out->n = 0;
    free(c);
    return rc;
}

static int inspector_insert(sqlite3 *db, const char *id, const char *name, const char *home_region,
                            const char *specs, zj_diag *d)
{
    if (!id || !*id || strlen(id) > 32 ||
        strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") !=
            strlen(id)) {
        zj_diag_set(d, "inspector_id", "an inspector id is 1-32 of A-Z a-z 0-9 _ . -");
        return ZJ_EINVAL;
    }
    if (!name || !*name || strlen(name) > 64 || !utf8_valid(name, strlen(name))) {
        zj_diag_set(d, "name", "an inspector needs a name of at most 64 bytes of text");
        return ZJ_EINVAL;
    }
    if (!home_region || strlen(home_region) != 6 || strspn(home_region, "0123456789") != 6) {
        zj_diag_set(d, "home_region", "an inspector needs a 6-digit home region");
        return ZJ_EINVAL;
    }
    char items[16][32];
    int n = split_list(specs, items, 16);
    for (int i = 0; i < n; i++)
        if (!office_name_find(NAMES(specialities), items[i])) {
            zj_diag_set(d, "specialities", "unknown speciality '%s'", items[i]);
            return ZJ_EINVAL;
        }
    int rc = ZJ_EDB;
    sqlite3_stmt *a = store_prepare(
        db, "INSERT OR REPLACE INTO inspectors(inspector_id, name, home_region) VALUES (?,?,?)");
    sqlite3_stmt *del =
        store_prepare(db, "DELETE FROM inspector_specialities WHERE inspector_id = ?");
    sqlite3_stmt *sp =
        store_prepare(db, "INSERT OR IGNORE INTO inspector_specialities VALUES (?,?)");
    if (!a || !del || !sp)
        goto cleanup;
    sqlite3_bind_text(a, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(a, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(a, 3, home_region, -1, SQLITE_STATIC);
    sqlite3_bind_text(del, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step(a) != SQLITE_DONE || sqlite3_step(del) != SQLITE_DONE)
        goto cleanup;
    for (int i = 0; i < n; i++) {
        sqlite3_reset(sp);
        sqlite3_bind_text(sp, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(sp, 2, items[i], -1, SQLITE_STATIC);
        if (sqlite3_step(sp) != SQLITE_DONE)
            goto cleanup;
    }
    rc = 0;
cleanup:
    if (rc)
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
    sqlite3_finalize(a);
    sqlite3_finalize(del);
    sqlite3_finalize(sp);
    return rc;
}

int inspect_inspector_add(sqlite3 *db, const char *id, const char *name, const char *home_region,
                          const char *specs, const char *actor, zj_diag *d)
{
    bool own;
    if (audit_change_open(db, &own) != 0) {
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    int rc = inspector_insert(db, id, name, home_region, specs, d);
    char obj[64];
    snprintf(obj, sizeof obj, "inspector:%.40s", id ? id : "");
    return audit_change_close(db, own, rc, actor ? actor : "system", obj, "巡回检察人才库");
}

/* inspect_plan_create after its checks, without the audit entry. */
static int plan_insert(sqlite3 *db, const inspect_plan *plan, const inspect_team *team,
                       const char *actor, long *id_out, zj_diag *d)
{
    int rc = ZJ_EDB;
    char now[21], b1[11], b2[11];
    sqlite3_stmt *ins = store_prepare(
        db, "INSERT INTO inspections(kind, facility_id, region_code, start_date, end_date,"
            " focus, created_at, created_by) SELECT ?, facility_id, region_code, ?, ?, ?, ?, ?"
            " FROM facilities WHERE facility_id = ?");
    sqlite3_stmt *mem = store_prepare(db, "INSERT INTO inspection_members VALUES (?,?,?)");
    if (!ins || !mem)
        goto cleanup;
    sqlite3_bind_text(ins, 1, plan->kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, date_format(plan->start, b1), -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 3, date_format(plan->end, b2), -1, SQLITE_STATIC);
    store_bind_text_or_null(ins, 4, plan->focus);
    sqlite3_bind_text(ins, 5, office_stamp(now), -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 6, actor ? actor : "system", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 7, plan->facility_id ? plan->facility_id : "", -1, SQLITE_STATIC);
    if (sqlite3_step(ins) != SQLITE_DONE)
        goto cleanup;
    if (sqlite3_changes(db) == 0) {
        zj_diag_set(d, "facility_id", "unknown facility '%s'",
                    plan->facility_id ? plan->facility_id : "");
        rc = ZJ_ENOTFOUND;
        goto cleanup;
    }
    long id = (long)sqlite3_last_insert_rowid(db);
    for (int i = 0; team && i < team->n; i++) {
        sqlite3_reset(mem);
        sqlite3_bind_int64(mem, 1, id);
        sqlite3_bind_text(mem, 2, team->m[i].inspector_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(mem, 3, team->m[i].leader ? "leader" : "member", -1, SQLITE_STATIC);
        if (sqlite3_step(mem) != SQLITE_DONE)
            goto cleanup;
    }
    *id_out = id;
    rc = 0;
cleanup:
    if (rc == ZJ_EDB)
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
    sqlite3_finalize(ins);
    sqlite3_finalize(mem);
    return rc;
}

int inspect_plan_create(sqlite3 *db, const zj_scope *sc, const inspect_plan *plan,
                        const inspect_team *team, const char *actor, long *id_out, zj_diag *d)
{
    *id_out = 0;
    int rc = scope_check(db, sc, plan ? plan->facility_id : NULL, NULL, d);
    if (rc || (rc = plan_check(plan, d)) != 0)
        return rc;
    bool own;
    long id = 0;
    if (audit_change_open(db, &own) != 0) {
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    rc = plan_insert(db, plan, team, actor, &id, d);
    char obj[48];
    snprintf(obj, sizeof obj, "inspection:%ld", id);
    rc = audit_change_close(db, own, rc, actor ? actor : "system", obj, "巡回检察计划");
    *id_out = rc ? 0 : id;
    return rc;
}

void inspect_team_json(const inspect_team *t, strbuf *out)
{
    strbuf_adds(out, "{\"members\":[");
    for (int i = 0; i < t->n; i++) {
        const inspect_member *m = &t->m[i];
        strbuf_addf(out, "%s{\"inspector_id\":", i ? "," : "");
        strbuf_add_json_str(out, m->inspector_id);
        strbuf_adds(out, ",\"name\":");
        strbuf_add_json_str(out, m->name);
        strbuf_adds(out, ",\"home_region\":");
        strbuf_add_json_str(out, m->home_region);
        strbuf_adds(out, ",\"specialities\":");
        strbuf_add_json_str(out, m->specialities);
        strbuf_addf(out, ",\"workload\":%d,\"leader\":%s,\"reason\":", m->workload,
                    m->leader ? "true" : "false");
        strbuf_add_json_str(out, m->reason);
        strbuf_adds(out, "}");
    }
    strbuf_addf(out, "],\"pool\":%d,\"excluded\":{\"same_province\":%d,\"recent\":%d,\"busy\":%d}}",
                t->pool, t->excluded_province, t->excluded_recent, t->excluded_busy);
}

static void add_col_json(strbuf *out, sqlite3_stmt *st, int col)
{
    if (sqlite3_column_type(st, col) == SQLITE_NULL)
        strbuf_adds(out, "null");
    else if (sqlite3_column_type(st, col) == SQLITE_INTEGER)
        strbuf_addf(out, "%lld", (long long)sqlite3_column_int64(st, col));
    else if (sqlite3_column_type(st, col) == SQLITE_FLOAT)
        strbuf_addf(out, "%.2f", sqlite3_column_double(st, col));
    else
        strbuf_add_json_str(out, (const char *)sqlite3_column_text(st, col));
}

/* Step a, the statement of the inspection's row with the id as parameter 1, and copy the
 * facility (its column 0) into fac; ZJ_ENOTFOUND ("unknown inspection") without a row. */
static int inspection_row(sqlite3_stmt *a, long id, char *fac, size_t n, zj_diag *d)
{
    sqlite3_bind_int64(a, 1, id);
    if (sqlite3_step(a) != SQLITE_ROW) {
        zj_diag_set(d, "inspection_id", "unknown inspection '%ld'", id);
        return ZJ_ENOTFOUND;
    }
    copy_col(fac, n, a, 0);
    return 0;
}

/* Append the rows of st as a JSON array of objects named by the result columns. */
static int rows_json(sqlite3 *db, sqlite3_stmt *st, strbuf *out, zj_diag *d)
{
    if (office_rows_json(st, out, add_col_json) != SQLITE_DONE) {
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    return 0;
}

/* Persons whose latest custody event puts them in the facility. */
#define HELD_SQL                                                                                   \
    "SELECT count(*) FROM (SELECT person_id, facility_id, event_type, row_number() OVER"           \
    " (PARTITION BY person_id ORDER BY event_date DESC, event_id DESC) AS rn FROM custody"         \
    " WHERE person_id IN (SELECT person_id FROM custody WHERE facility_id = :fac))"                \
    " WHERE rn = 1 AND facility_id = :fac AND event_type IN ('detain','admit','transfer_in',"      \
    "'return','recapture','leave_end','rs_end')"

/* The facility's row of the FAC-01 ranking at as_of (models2.h) as JSON text appended to
 * out, with the number of facilities ranked; "null" when it is not ranked. */
static void fac01_json(sqlite3 *db, const char *fac, zj_date as_of, strbuf *out)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    json_t *root = NULL, *hit = NULL;
    size_t ranked = 0;
    if (mem && models_facility_rank(db, as_of, NULL, "json", mem) == 0) {
        fflush(mem);
        root = json_loadb(text, len, 0, NULL);
        json_t *arr = json_object_get(root, "facilities");
        ranked = json_array_size(arr);
        for (size_t i = 0; i < ranked && !hit; i++) {
            json_t *f = json_array_get(arr, i);
            const char *id = json_string_value(json_object_get(f, "facility_id"));
            if (id && !strcmp(id, fac))
                hit = f;
        }
    }
    if (hit) {
        json_object_set_new(hit, "ranked", json_integer((json_int_t)ranked));
        char *s = json_dumps(hit, JSON_COMPACT);
        strbuf_adds(out, s ? s : "null");
        free(s);
    } else {
        strbuf_adds(out, "null");
    }
    json_decref(root);
    if (mem)
        fclose(mem);
    free(text);
}

int inspect_starting_list_json(sqlite3 *db, const zj_scope *sc, long id, strbuf *out, zj_diag *d)
{
    int rc = scope_check_record(db, sc, SCOPE_INSPECTION, id, d);
    if (rc)
        return rc;
    rc = ZJ_EDB;
    char fac[64] = "";
    sqlite3_stmt *a = store_prepare(
        db, "SELECT facility_id, start_date FROM inspections WHERE inspection_id = ?");
    sqlite3_stmt *f = store_prepare(
        db,
        "SELECT f.facility_id, f.name, f.kind, f.region_code, (" HELD_SQL ") AS held,"
        " (SELECT count(*) FROM leads WHERE facility_id = :fac AND status IN " LEAD_OPEN_STATUSES
        ") AS open_leads FROM facilities f WHERE f.facility_id = :fac");
    sqlite3_stmt *fam =
        store_prepare(db, "SELECT coalesce(family, 'other') AS family, count(*) AS n FROM leads"
                          " WHERE facility_id = ? AND status IN " LEAD_OPEN_STATUSES
                          " GROUP BY 1 ORDER BY 2 DESC, 1");
    sqlite3_stmt *lst = store_prepare(
        db, "SELECT lead_id, model_id, subject, person_id, severity, status, first_seen, summary"
            " FROM leads WHERE facility_id = ? AND status IN " LEAD_OPEN_STATUSES
            " ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END,"
            " first_seen, lead_id LIMIT 500");
    sqlite3_stmt *inc = store_prepare(
        db, "SELECT kind, coalesce(injury, 'none') AS injury, count(*) AS n FROM incidents"
            " WHERE facility_id = :fac AND incident_date <= :start"
            " AND incident_date > date(:start, '-12 months') GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2");
    if (!a || !f || !fam || !lst || !inc)
        goto cleanup;
    if ((rc = inspection_row(a, id, fac, sizeof fac, d)) != 0)
        goto cleanup;
    rc = ZJ_EDB;
    zj_date start = ZJ_DATE_NONE;
    const char *sd = (const char *)sqlite3_column_text(a, 1);
    if (!sd || date_parse(sd, (unsigned)strlen(sd), &start) != 0)
        start = ZJ_DATE_NONE;
    bind_named_text(f, ":fac", fac);
    if (sqlite3_step(f) != SQLITE_ROW) {
        zj_diag_set(d, "facility_id", "unknown facility '%s'", fac);
        rc = ZJ_ENOTFOUND;
        goto cleanup;
    }
    long held = sqlite3_column_int64(f, 4), open = sqlite3_column_int64(f, 5);
    strbuf_addf(out, "{\"inspection_id\":%ld,\"facility\":{\"facility_id\":", id);
    strbuf_add_json_str(out, fac);
    strbuf_adds(out, ",\"name\":");
    add_col_json(out, f, 1);
    strbuf_adds(out, ",\"kind\":");
    add_col_json(out, f, 2);
    strbuf_adds(out, ",\"region_code\":");
    add_col_json(out, f, 3);
    strbuf_addf(out, "},\"held\":%ld,\"open_leads\":%ld,\"open_per_100\":%.2f,\"by_family\":", held,
                open, held > 0 ? 100.0 * (double)open / (double)held : 0.0);
    sqlite3_bind_text(fam, 1, fac, -1, SQLITE_STATIC);
    if (rows_json(db, fam, out, d))
        goto cleanup;
    strbuf_adds(out, ",\"leads\":");
    sqlite3_bind_text(lst, 1, fac, -1, SQLITE_STATIC);
    if (rows_json(db, lst, out, d))
        goto cleanup;
    /* the facility's incidents of the 12 months before the start, by kind and injury */
    strbuf_adds(out, ",\"incidents\":");
    bind_named_text(inc, ":fac", fac);
    bind_named_text(inc, ":start", sd ? sd : "");
    if (rows_json(db, inc, out, d))
        goto cleanup;
    strbuf_adds(out, ",\"fac01\":");
    if (start != ZJ_DATE_NONE)
        fac01_json(db, fac, start, out);
    else
        strbuf_adds(out, "null");
    strbuf_addch(out, '}');
    rc = 0;
cleanup:
    if (rc == ZJ_EDB && d && !d->message[0])
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
    sqlite3_finalize(a);
    sqlite3_finalize(f);
    sqlite3_finalize(fam);
    sqlite3_finalize(lst);
    sqlite3_finalize(inc);
    return rc;
}

static int finding_insert(sqlite3 *db, long id, const inspect_finding *fd, const char *actor,
                          zj_date as_of, long *lead_id, zj_diag *d)
{
    if (!fd || !fd->summary || !*fd->summary) {
        zj_diag_set(d, "summary", "a finding needs a summary");
        return ZJ_EINVAL;
    }
    int rc = ZJ_EDB;
    char fac[64] = "", subject[64];
    long seq = 0;
    sqlite3_stmt *a = store_prepare(
        db,
        "SELECT facility_id, (SELECT count(*) FROM inspection_findings WHERE inspection_id = ?1)"
        " FROM inspections WHERE inspection_id = ?1");
    sqlite3_stmt *link = store_prepare(db, "INSERT INTO inspection_findings VALUES (?, ?)");
    if (!a || !link)
        goto cleanup;
    if ((rc = inspection_row(a, id, fac, sizeof fac, d)) != 0)
        goto cleanup;
    rc = ZJ_EDB;
    seq = sqlite3_column_int64(a, 1) + 1;
    snprintf(subject, sizeof subject, "INS-%ld-%ld", id, seq);
    strbuf ev = STRBUF_INIT;
    strbuf_addf(&ev, "{\"inspection_id\":%ld,\"finding\":", id);
    strbuf_add_json_str(&ev, fd->summary);
    strbuf_adds(&ev, "}");
    office_lead_spec spec = {
        .model_id = "INSPECT",
        .subject = subject,
        .source = "inspection",
        .person_id = fd->person_id,
        .facility_id = fac,
        .family = fd->family,
        .severity = fd->severity,
        .summary = fd->summary,
        .basis = fd->basis && *fd->basis ? fd->basis : "巡回检察发现（人民检察院巡回检察工作规定）",
        .evidence = ev.buf,
    };
    rc = office_lead_add(db, &spec, actor, as_of, lead_id, d);
    strbuf_release(&ev);
    if (rc)
        goto cleanup;
    rc = ZJ_EDB;
    sqlite3_bind_int64(link, 1, id);
    sqlite3_bind_int64(link, 2, *lead_id);
    if (sqlite3_step(link) != SQLITE_DONE)
        goto cleanup;
    rc = 0;
cleanup:
    if (rc == ZJ_EDB && d && !d->message[0])
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
    sqlite3_finalize(a);
    sqlite3_finalize(link);
    return rc;
}

int inspect_finding_add(sqlite3 *db, const zj_scope *sc, long id, const inspect_finding *fd,
                        const char *actor, zj_date as_of, long *lead_id, zj_diag *d)
{
    *lead_id = 0;
    int rc = scope_check_record(db, sc, SCOPE_INSPECTION, id, d);
    if (rc)
        return rc;
    const char *person = fd ? fd->person_id : NULL;
    if (!scope_has_person(db, sc, person)) {
        zj_diag_set(d, "person_id", "person '%s' is outside your scope", person);
        return ZJ_EFORBIDDEN;
    }
    bool own;
    long lead = 0;
    if (audit_change_open(db, &own) != 0) {
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    rc = finding_insert(db, id, fd, actor, as_of, &lead, d);
    char obj[48];
    snprintf(obj, sizeof obj, "lead:%ld", lead);
    rc = audit_change_close(db, own, rc, actor ? actor : "system", obj, "巡回检察发现问题");
    *lead_id = rc ? 0 : lead;
    return rc;
}

int inspect_list_json(sqlite3 *db, const zj_scope *sc, const char *region_prefix,
                      const char *facility_id, strbuf *out, zj_diag *d)
{
    if (facility_id && !scope_has_facility(db, sc, facility_id)) {
        zj_diag_set(d, "facility_id", "facility '%s' is outside your scope", facility_id);
        return ZJ_EFORBIDDEN;
    }
    sqlite3_stmt *st = store_prepare(
        db,
        "SELECT x.inspection_id, x.kind, x.facility_id, f.name AS facility_name,"
        " f.kind AS facility_kind, x.region_code, x.start_date, x.end_date, x.focus, x.status,"
        " (SELECT group_concat(m.inspector_id || CASE m.role WHEN 'leader' THEN '*' ELSE '' END, "
        "';')"
        "  FROM inspection_members m WHERE m.inspection_id = x.inspection_id) AS team,"
        " (SELECT count(*) FROM inspection_findings g WHERE g.inspection_id = x.inspection_id)"
        "  AS findings FROM inspections x LEFT JOIN facilities f ON f.facility_id = x.facility_id"
        " WHERE " SCOPE_SQL(
            "x.facility_id",
            "x.region_code") " AND substr(coalesce(x.region_code, ''), 1, length(?3)) = ?3"
                             " AND (?4 IS NULL OR x.facility_id = ?4) ORDER BY x.start_date DESC, "
                             "x.inspection_id DESC");
    if (!st)
        return ZJ_EDB;
    scope_bind(st, sc);
    sqlite3_bind_text(st, 3, region_prefix ? region_prefix : "", -1, SQLITE_STATIC);
    store_bind_text_or_null(st, 4, facility_id);
    int rc = rows_json(db, st, out, d);
    sqlite3_finalize(st);
    return rc;
}

json_t *inspect_inspectors_json(sqlite3 *db)
{
    sqlite3_stmt *st = store_stmt(
        db, "SELECT i.inspector_id, i.name, i.home_region, (SELECT group_concat(speciality, ';')"
            " FROM inspector_specialities s WHERE s.inspector_id = i.inspector_id),"
            " (SELECT count(*) FROM inspection_members m WHERE m.inspector_id = i.inspector_id)"
            " FROM inspectors i WHERE i.active = 1 ORDER BY i.inspector_id");
    if (!st)
        return NULL;
    json_t *arr = json_array();
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *sp = (const char *)sqlite3_column_text(st, 3);
        json_array_append_new(arr,
                              json_pack("{s:s, s:s, s:s, s:s, s:i}", "inspector_id",
                                        (const char *)sqlite3_column_text(st, 0), "name",
                                        (const char *)sqlite3_column_text(st, 1), "home_region",
                                        (const char *)sqlite3_column_text(st, 2), "specialities",
                                        sp ? sp : "", "inspections", sqlite3_column_int(st, 4)));
    }
    store_stmt_done(st);
    return arr;
}
