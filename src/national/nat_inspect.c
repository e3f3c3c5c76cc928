/*
 * nat_inspect.c — `zhijian national inspect` (nat.h, docs/national.md): a round of
 * 跨省交叉巡回检察 over the national tables: one prison in each of N provinces and, for
 * each, a team from the national pool of inspectors (every province's published
 * inspectors and specialities), with the rules of the provincial proposal
 * (src/cases/inspections.h) applied across the country:
 *   T1  no member from the prison's province (home region's first two digits, else the
 *       province that published the inspector);
 *   T2  no member who inspected the same prison within recent_months before the start;
 *   T3  nobody busy in an inspection overlapping the period (provincial ones and stored
 *       national rounds), and nobody in two teams of the round;
 *   T4  every speciality of the focus held by a member, the rarest first;
 *   T5  the least loaded first (inspections ending within workload_months before the
 *       start), ties by province and inspector id, so a round is deterministic.
 * The prison of a province is the one whose last cross inspection (provincial kind
 * 'cross' or a national round) is oldest, never inspected first; when more provinces
 * have prisons than asked for, those waiting longest are taken. Teams are staffed in
 * the order of their prisons' eligible inspectors, fewest first. --save stores the round
 * (nat.cross_rounds, nat.cross_members: migration national-3), which the next round's
 * rotation, workload and T2/T3 read.
 */
#include "national/nat.h"
#include "national/pg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct prison {
    char province[3], facility_id[64], name[128], last[11];
    int eligible;
    int team[NAT_TEAM_MAX], n; /* candidate indexes */
};

struct cand {
    char province[3], inspector_id[64], name[64], home[3], specs[160];
    char *recent; /* ';'-separated "province:facility_id" inspected within the window */
    int workload;
    bool busy, chosen;
    char reason[64];
};

static bool has_item(const char *list, const char *item)
{
    size_t l = strlen(item);
    for (const char *s = list; s && *s;) {
        size_t k = strcspn(s, ";,");
        if (k == l && !strncmp(s, item, l))
            return true;
        s += k + (s[k] != 0);
    }
    return false;
}

static bool eligible(const struct cand *c, const struct prison *p)
{
    char key[80];
    snprintf(key, sizeof key, "%s:%s", p->province, p->facility_id);
    return !c->busy && !c->chosen && strcmp(c->home, p->province) && !has_item(c->recent, key);
}

/* a better than b: less workload, covering more still-needed specialities, smaller key */
static bool better(const struct cand *a, int ac, const struct cand *b, int bc)
{
    if (a->workload != b->workload)
        return a->workload < b->workload;
    if (ac != bc)
        return ac > bc;
    int k = strcmp(a->province, b->province);
    return k ? k < 0 : strcmp(a->inspector_id, b->inspector_id) < 0;
}

static int cover(const struct cand *c, char need[][32], const bool *covered, int nneed)
{
    int k = 0;
    for (int i = 0; i < nneed; i++)
        k += !covered[i] && has_item(c->specs, need[i]);
    return k;
}

static void copy(char *dst, size_t n, PGresult *r, int row, int col)
{
    snprintf(dst, n, "%s", PQgetvalue(r, row, col));
}

static int cmp_wait(const void *a, const void *b)
{
    const struct prison *x = a, *y = b;
    int k = strcmp(x->last, y->last); /* "" (never) first */
    return k ? k : strcmp(x->province, y->province);
}

static int cmp_province(const void *a, const void *b)
{
    return strcmp(((const struct prison *)a)->province, ((const struct prison *)b)->province);
}

static const char prisons_sql[] =
    "WITH f AS (SELECT f.province, f.facility_id, f.name,"
    "  greatest((SELECT max(x.end_date) FROM nat.inspections x WHERE x.province = f.province"
    "             AND x.facility_id = f.facility_id AND x.kind = 'cross'),"
    "           (SELECT max(r.end_date) FROM nat.cross_members m JOIN nat.cross_rounds r"
    "             ON r.round_id = m.round_id WHERE m.province = f.province"
    "             AND m.facility_id = f.facility_id)) AS last"
    " FROM nat.facilities f WHERE f.kind IN ('prison', 'juvenile_prison'))"
    " SELECT DISTINCT ON (province) province, facility_id, name, coalesce(last, '') FROM f"
    " ORDER BY province, last NULLS FIRST, facility_id";

/* $1 workload from, $2 start, $3 end, $4 recent from */
static const char cands_sql[] =
    "SELECT i.province, i.inspector_id, i.name,"
    " CASE WHEN i.home_region ~ '^[1-6][0-9]' THEN left(i.home_region, 2) ELSE i.province END,"
    " coalesce((SELECT string_agg(s.speciality, ';' ORDER BY s.speciality)"
    "   FROM nat.inspector_specialities s WHERE s.province = i.province"
    "   AND s.inspector_id = i.inspector_id), ''),"
    " (SELECT count(*) FROM nat.inspection_members m JOIN nat.inspections x"
    "   ON x.province = m.province AND x.inspection_id = m.inspection_id"
    "   WHERE m.province = i.province AND m.inspector_id = i.inspector_id AND x.end_date >= $1)"
    " + (SELECT count(*) FROM nat.cross_members m JOIN nat.cross_rounds r ON r.round_id = "
    "m.round_id"
    "   WHERE m.member_province = i.province AND m.inspector_id = i.inspector_id"
    "   AND r.end_date >= $1),"
    " EXISTS (SELECT 1 FROM nat.inspection_members m JOIN nat.inspections x"
    "   ON x.province = m.province AND x.inspection_id = m.inspection_id"
    "   WHERE m.province = i.province AND m.inspector_id = i.inspector_id"
    "   AND x.start_date <= $3 AND x.end_date >= $2)"
    " OR EXISTS (SELECT 1 FROM nat.cross_members m JOIN nat.cross_rounds r ON r.round_id = "
    "m.round_id"
    "   WHERE m.member_province = i.province AND m.inspector_id = i.inspector_id"
    "   AND r.start_date <= $3 AND r.end_date >= $2),"
    " concat_ws(';',"
    "  (SELECT string_agg(DISTINCT x.province || ':' || x.facility_id, ';')"
    "   FROM nat.inspection_members m JOIN nat.inspections x"
    "   ON x.province = m.province AND x.inspection_id = m.inspection_id"
    "   WHERE m.province = i.province AND m.inspector_id = i.inspector_id"
    "   AND x.end_date >= $4 AND x.start_date <= $3),"
    "  (SELECT string_agg(DISTINCT m.province || ':' || m.facility_id, ';')"
    "   FROM nat.cross_members m JOIN nat.cross_rounds r ON r.round_id = m.round_id"
    "   WHERE m.member_province = i.province AND m.inspector_id = i.inspector_id"
    "   AND r.end_date >= $4 AND r.start_date <= $3))"
    " FROM nat.inspectors i WHERE coalesce(i.active, 1) = 1"
    " ORDER BY i.province, i.inspector_id";

/* Staff one prison's team from the candidates not yet chosen; -1 with diag when none. */
static int staff(struct prison *p, struct cand *c, size_t nc, const struct nat_inspect_opts *o,
                 char need[][32], int nneed, strbuf *diag)
{
    bool covered[16] = {0};
    p->n = 0;
    for (int round = 0; round < nneed; round++) {
        int pick = -1, fewest = 0;
        for (int i = 0; i < nneed; i++) {
            if (covered[i])
                continue;
            int holders = 0;
            for (size_t k = 0; k < nc; k++)
                holders += eligible(&c[k], p) && has_item(c[k].specs, need[i]);
            if (pick < 0 || holders < fewest) {
                pick = i;
                fewest = holders;
            }
        }
        if (pick < 0)
            break;
        struct cand *best = NULL;
        int best_cover = 0;
        for (size_t k = 0; k < nc; k++) {
            if (!eligible(&c[k], p) || !has_item(c[k].specs, need[pick]))
                continue;
            int cv = cover(&c[k], need, covered, nneed);
            if (!best || better(&c[k], cv, best, best_cover)) {
                best = &c[k];
                best_cover = cv;
            }
        }
        if (!best) {
            strbuf_addf(diag, "%s %s（%s）：没有具备专长 %s 的可用检察人员", p->province, p->name,
                        p->facility_id, need[pick]);
            return -1;
        }
        best->chosen = true;
        snprintf(best->reason, sizeof best->reason, "speciality:%s", need[pick]);
        for (int i = 0; i < nneed; i++)
            covered[i] = covered[i] || has_item(best->specs, need[i]);
        p->team[p->n++] = (int)(best - c);
    }
    while (p->n < o->team_size) {
        struct cand *best = NULL;
        for (size_t k = 0; k < nc; k++)
            if (eligible(&c[k], p) && (!best || better(&c[k], 0, best, 0)))
                best = &c[k];
        if (!best)
            break;
        best->chosen = true;
        snprintf(best->reason, sizeof best->reason, "workload");
        p->team[p->n++] = (int)(best - c);
    }
    if (p->n < o->team_size) {
        strbuf_addf(diag, "%s %s（%s）：只有 %d 名可用检察人员，少于每组 %d 人", p->province,
                    p->name, p->facility_id, p->n, o->team_size);
        return -1;
    }
    return 0;
}

static int spec_count(const char *s)
{
    int n = *s != 0;
    for (; *s; s++)
        n += *s == ';';
    return n;
}

/* The leader: most specialities, then the smaller key. */
static int leader(const struct prison *p, const struct cand *c)
{
    int l = 0;
    for (int i = 1; i < p->n; i++) {
        const struct cand *a = &c[p->team[i]], *b = &c[p->team[l]];
        int x = spec_count(a->specs), y = spec_count(b->specs);
        int k = strcmp(a->province, b->province);
        if (x > y ||
            (x == y && (k < 0 || (k == 0 && strcmp(a->inspector_id, b->inspector_id) < 0))))
            l = i;
    }
    return l;
}

static int save(PGconn *c, const struct nat_inspect_opts *o, struct prison *p, size_t np,
                struct cand *cd, long long *round_id)
{
    char s[11], e[11];
    date_format(o->start, s);
    date_format(o->end, e);
    const char *rp[3] = {s, e, o->focus && *o->focus ? o->focus : NULL};
    char *id = pg_value(c,
                        "INSERT INTO nat.cross_rounds(start_date, end_date, focus)"
                        " VALUES ($1, $2, $3) RETURNING round_id",
                        3, rp);
    if (!id)
        return -1;
    *round_id = atoll(id);
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < np; i++) {
        int l = leader(&p[i], cd);
        for (int k = 0; rc == 0 && k < p[i].n; k++) {
            struct cand *m = &cd[p[i].team[k]];
            const char *mp[7] = {id,          p[i].province,   p[i].facility_id,
                                 m->province, m->inspector_id, k == l ? "t" : "f",
                                 m->reason};
            rc = pg_execp(c,
                          "INSERT INTO nat.cross_members(round_id, province, facility_id,"
                          " member_province, inspector_id, leader, reason)"
                          " VALUES ($1::bigint, $2, $3, $4, $5, $6::boolean, $7)",
                          7, mp);
        }
    }
    free(id);
    return rc;
}

static void emit_json(const struct nat_inspect_opts *o, struct prison *p, size_t np, struct cand *c,
                      size_t nc, long long round_id, strbuf *out)
{
    char s[11], e[11];
    strbuf_addf(out, "{\"start\":\"%s\",\"end\":\"%s\",\"round_id\":", date_format(o->start, s),
                date_format(o->end, e));
    if (round_id > 0)
        strbuf_addf(out, "%lld", round_id);
    else
        strbuf_adds(out, "null");
    strbuf_addf(out, ",\"pool\":%zu,\"team_size\":%d,\"teams\":[", nc, o->team_size);
    for (size_t i = 0; i < np; i++) {
        int l = leader(&p[i], c);
        strbuf_adds(out, i ? ",{" : "{");
        strbuf_addf(out, "\"province\":\"%s\",\"province_name\":", p[i].province);
        strbuf_add_json_str(out, nat_province_name(p[i].province));
        strbuf_adds(out, ",\"facility_id\":");
        strbuf_add_json_str(out, p[i].facility_id);
        strbuf_adds(out, ",\"facility_name\":");
        strbuf_add_json_str(out, p[i].name);
        strbuf_adds(out, ",\"last_cross\":");
        if (*p[i].last)
            strbuf_add_json_str(out, p[i].last);
        else
            strbuf_adds(out, "null");
        strbuf_addf(out, ",\"eligible\":%d,\"members\":[", p[i].eligible);
        for (int k = 0; k < p[i].n; k++) {
            const struct cand *m = &c[p[i].team[k]];
            strbuf_adds(out, k ? ",{" : "{");
            strbuf_addf(out, "\"province\":\"%s\",\"inspector_id\":", m->province);
            strbuf_add_json_str(out, m->inspector_id);
            strbuf_adds(out, ",\"name\":");
            strbuf_add_json_str(out, m->name);
            strbuf_addf(out, ",\"home_province\":\"%s\",\"specialities\":", m->home);
            strbuf_add_json_str(out, m->specs);
            strbuf_addf(out, ",\"workload\":%d,\"leader\":%s,\"reason\":", m->workload,
                        k == l ? "true" : "false");
            strbuf_add_json_str(out, m->reason);
            strbuf_adds(out, "}");
        }
        strbuf_adds(out, "]}");
    }
    strbuf_adds(out, "]}\n");
}

static void emit_md(const struct nat_inspect_opts *o, struct prison *p, size_t np, struct cand *c,
                    size_t nc, long long round_id, strbuf *out)
{
    char s[11], e[11];
    strbuf_addf(out, "# 跨省交叉巡回检察 %s 至 %s\n\n", date_format(o->start, s),
                date_format(o->end, e));
    strbuf_addf(out, "%zu 个省份各一所监狱，每组 %d 人，全国检察人员库 %zu 人；", np, o->team_size,
                nc);
    if (round_id > 0)
        strbuf_addf(out, "已保存为第 %lld 轮。\n\n", round_id);
    else
        strbuf_adds(out, "未保存（--save 保存）。\n\n");
    strbuf_adds(out, "| 省份 | 监狱 | 上次交叉巡回 | 组长 | 成员（所属省份） |\n| --- | --- | --- "
                     "| --- | --- |\n");
    for (size_t i = 0; i < np; i++) {
        int l = leader(&p[i], c);
        const struct cand *L = &c[p[i].team[l]];
        strbuf_addf(out, "| %s | %s | %s | %s（%s） | ", nat_province_name(p[i].province),
                    p[i].name, *p[i].last ? p[i].last : "无", L->name, nat_province_name(L->home));
        for (int k = 0, first = 1; k < p[i].n; k++) {
            if (k == l)
                continue;
            const struct cand *m = &c[p[i].team[k]];
            strbuf_addf(out, "%s%s（%s）", first ? "" : "、", m->name, nat_province_name(m->home));
            first = 0;
        }
        strbuf_adds(out, " |\n");
    }
}

int nat_inspect(PGconn *c, const struct nat_inspect_opts *o, bool md, strbuf *out)
{
    char need[16][32];
    int nneed = 0;
    for (const char *s = o->focus; s && *s && nneed < 16;) {
        size_t k = strcspn(s, ";,");
        if (k && k < 32) {
            snprintf(need[nneed], 32, "%.*s", (int)k, s);
            nneed++;
        }
        s += k + (s[k] != 0);
    }
    if (o->team_size < 1 || o->team_size > NAT_TEAM_MAX || nneed > o->team_size) {
        fprintf(stderr,
                "zhijian national inspect: a team has 1-%d members, at least the focus's"
                " %d specialities\n",
                NAT_TEAM_MAX, nneed);
        return -1;
    }
    if (o->end < o->start) {
        fprintf(stderr, "zhijian national inspect: the period must start on or before its end\n");
        return -1;
    }
    if (pg_exec(c, "BEGIN; SELECT pg_advisory_xact_lock(20023)"))
        return -1;
    int rc = -1;
    struct prison *p = NULL;
    struct cand *cd = NULL;
    size_t np = 0, nc = 0;
    strbuf diag = STRBUF_INIT;
    PGresult *r = pg_query(c, prisons_sql, 0, NULL);
    if (!r)
        goto out;
    np = (size_t)PQntuples(r);
    p = xcalloc(np ? np : 1, sizeof *p);
    for (size_t i = 0; i < np; i++) {
        copy(p[i].province, sizeof p[i].province, r, (int)i, 0);
        copy(p[i].facility_id, sizeof p[i].facility_id, r, (int)i, 1);
        copy(p[i].name, sizeof p[i].name, r, (int)i, 2);
        copy(p[i].last, sizeof p[i].last, r, (int)i, 3);
    }
    PQclear(r);
    if (np < (size_t)o->prisons) {
        fprintf(stderr,
                "zhijian national inspect: %zu provinces have published prisons, %d asked for\n",
                np, o->prisons);
        goto out;
    }
    qsort(p, np, sizeof *p, cmp_wait);
    np = (size_t)o->prisons;
    qsort(p, np, sizeof *p, cmp_province);

    char wl[11], st[11], en[11], rf[11];
    const char *cp[4] = {date_format(date_add_months(o->start, -o->workload_months), wl),
                         date_format(o->start, st), date_format(o->end, en),
                         date_format(date_add_months(o->start, -o->recent_months), rf)};
    r = pg_query(c, cands_sql, 4, cp);
    if (!r)
        goto out;
    nc = (size_t)PQntuples(r);
    cd = xcalloc(nc ? nc : 1, sizeof *cd);
    for (size_t i = 0; i < nc; i++) {
        int k = (int)i;
        copy(cd[i].province, sizeof cd[i].province, r, k, 0);
        copy(cd[i].inspector_id, sizeof cd[i].inspector_id, r, k, 1);
        copy(cd[i].name, sizeof cd[i].name, r, k, 2);
        copy(cd[i].home, sizeof cd[i].home, r, k, 3);
        copy(cd[i].specs, sizeof cd[i].specs, r, k, 4);
        cd[i].workload = atoi(PQgetvalue(r, k, 5));
        cd[i].busy = !strcmp(PQgetvalue(r, k, 6), "t");
        cd[i].recent = xstrdup(PQgetvalue(r, k, 7));
    }
    PQclear(r);

    /* staff the prisons with the fewest eligible inspectors first */
    size_t *order = xcalloc(np ? np : 1, sizeof *order);
    for (size_t i = 0; i < np; i++) {
        order[i] = i;
        for (size_t k = 0; k < nc; k++)
            p[i].eligible += eligible(&cd[k], &p[i]);
    }
    for (size_t i = 1; i < np; i++)
        for (size_t j = i; j > 0 && p[order[j]].eligible < p[order[j - 1]].eligible; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    int bad = 0;
    for (size_t i = 0; !bad && i < np; i++)
        bad = staff(&p[order[i]], cd, nc, o, need, nneed, &diag);
    free(order);
    if (bad) {
        fprintf(stderr, "zhijian national inspect: no round satisfies the rules: %s\n", diag.buf);
        goto out;
    }
    long long round_id = 0;
    if (o->save && save(c, o, p, np, cd, &round_id))
        goto out;
    if (pg_exec(c, "COMMIT"))
        goto out;
    rc = 0;
    if (md)
        emit_md(o, p, np, cd, nc, round_id, out);
    else
        emit_json(o, p, np, cd, nc, round_id, out);
out:
    if (rc)
        pg_exec(c, "ROLLBACK");
    for (size_t i = 0; i < nc; i++)
        free(cd[i].recent);
    free(cd);
    free(p);
    strbuf_release(&diag);
    return rc;
}
