/*
 * nat_tables.c — what a province publishes (nat.h): the tables, their keys, how their
 * changes are found, the columns that stay home, and the national indexes.
 *
 * Never published: accounts, sessions, the audit log, office_log, rejects, history,
 * changed_persons, screenings and the append-only *_history tables; the free text of
 * talks, meetings, letters and complaints (content, complainant); sealed persons'
 * identities (nat_sealed.c).
 */
#include "national/nat.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

const struct nat_table nat_tables[] = {
    {"import_batches", "batch_id", NAT_BATCH, "os_user;dir;header", NULL},
    {"facilities", "facility_id", NAT_BATCH, NULL, NULL},
    {"staff", "officer_id", NAT_BATCH, NULL, NULL},
    {"persons", "person_id", NAT_BATCH, NULL, "id_number"},
    {"judgments", "judgment_id", NAT_BATCH, NULL, "person_id"},
    {"custody", "event_id", NAT_BATCH, NULL, "person_id,event_date"},
    {"medical", "exam_id", NAT_BATCH, NULL, NULL},
    {"sentence_changes", "change_id", NAT_BATCH, NULL, "person_id"},
    {"scores", "score_id", NAT_BATCH, NULL, NULL},
    {"merits", "merit_id", NAT_BATCH, NULL, NULL},
    {"corrections", "cc_id", NAT_BATCH, NULL, "person_id"},
    {"cc_events", "event_id", NAT_BATCH, NULL, "cc_id"},
    {"voters", "record_id", NAT_BATCH, NULL, "id_number"},
    {"property", "enforcement_id", NAT_BATCH, NULL, NULL},
    {"payments", "payment_id", NAT_BATCH, NULL, NULL},
    {"cells", "assignment_id", NAT_BATCH, NULL, NULL},
    {"restraints", "record_id", NAT_BATCH, NULL, NULL},
    {"deaths", "person_id", NAT_BATCH, NULL, NULL},
    {"activities", "record_id", NAT_BATCH, NULL, "id_number"},
    {"incidents", "incident_id", NAT_BATCH, NULL, "facility_id,incident_date"},
    {"incident_persons", "record_id", NAT_BATCH, NULL, "person_id;incident_id"},
    {"labour", "record_id", NAT_BATCH, NULL, "person_id"},
    {"release_prep", "record_id", NAT_BATCH, NULL, "person_id"},
    {"leads", "lead_id", NAT_OUTBOX, NULL, NULL},
    {"cases", "case_id", NAT_OUTBOX, NULL, NULL},
    {"measures", "measure_id", NAT_OUTBOX, "document", NULL},
    {"inspectors", "inspector_id", NAT_OUTBOX, NULL, NULL},
    {"inspector_specialities", "inspector_id,speciality", NAT_OUTBOX, NULL, NULL},
    {"inspections", "inspection_id", NAT_OUTBOX, NULL, NULL},
    {"inspection_members", "inspection_id,inspector_id", NAT_OUTBOX, NULL, NULL},
    {"inspection_findings", "inspection_id,lead_id", NAT_OUTBOX, NULL, NULL},
    {"complaints", "complaint_id", NAT_OUTBOX, "content;complainant", NULL},
    {"talks", "talk_id", NAT_OUTBOX, "content", NULL},
    {"meetings", "meeting_id", NAT_OUTBOX, "content", NULL},
    {"letters", "letter_id", NAT_OUTBOX, "content", NULL},
};
const size_t nat_n_tables = sizeof nat_tables / sizeof nat_tables[0];

const struct nat_table *nat_table_find(const char *name)
{
    for (size_t i = 0; i < nat_n_tables; i++)
        if (!strcmp(nat_tables[i].name, name))
            return &nat_tables[i];
    return NULL;
}

bool nat_column_omitted(const struct nat_table *t, const char *column)
{
    size_t n = strlen(column);
    for (const char *p = t->omit; p && *p;) {
        size_t l = strcspn(p, ";");
        if (l == n && !strncmp(p, column, n))
            return true;
        p += l + (p[l] == ';');
    }
    return false;
}

static const char *const provinces[][2] = {
    {"11", "北京市"},           {"12", "天津市"},         {"13", "河北省"},
    {"14", "山西省"},           {"15", "内蒙古自治区"},   {"21", "辽宁省"},
    {"22", "吉林省"},           {"23", "黑龙江省"},       {"31", "上海市"},
    {"32", "江苏省"},           {"33", "浙江省"},         {"34", "安徽省"},
    {"35", "福建省"},           {"36", "江西省"},         {"37", "山东省"},
    {"41", "河南省"},           {"42", "湖北省"},         {"43", "湖南省"},
    {"44", "广东省"},           {"45", "广西壮族自治区"}, {"46", "海南省"},
    {"50", "重庆市"},           {"51", "四川省"},         {"52", "贵州省"},
    {"53", "云南省"},           {"54", "西藏自治区"},     {"61", "陕西省"},
    {"62", "甘肃省"},           {"63", "青海省"},         {"64", "宁夏回族自治区"},
    {"65", "新疆维吾尔自治区"},
};
const char nat_all_provinces[] = "11,12,13,14,15,21,22,23,31,32,33,34,35,36,37,41,42,43,44,"
                                 "45,46,50,51,52,53,54,61,62,63,64,65";

const char *nat_province_name(const char *code)
{
    for (size_t i = 0; i < sizeof provinces / sizeof provinces[0]; i++)
        if (!strcmp(provinces[i][0], code))
            return provinces[i][1];
    return NULL;
}

static char *pg_type(const char *decl)
{
    if (!decl || !*decl)
        return xstrdup("text");
    if (strcasestr(decl, "INT"))
        return xstrdup("bigint");
    if (strcasestr(decl, "REAL") || strcasestr(decl, "FLOA") || strcasestr(decl, "DOUB"))
        return xstrdup("double precision");
    return xstrdup("text");
}

int nat_columns(sqlite3 *db, const struct nat_table *t, char ***cols, char ***types, size_t *n)
{
    sqlite3_stmt *st = NULL;
    *cols = *types = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db, "SELECT name, type FROM pragma_table_info(?1) ORDER BY cid", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
    size_t cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 0);
        if (nat_column_omitted(t, c))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            *cols = xrealloc(*cols, cap * sizeof **cols);
            *types = xrealloc(*types, cap * sizeof **types);
        }
        (*cols)[*n] = xstrdup(c);
        (*types)[*n] = pg_type((const char *)sqlite3_column_text(st, 1));
        (*n)++;
    }
    sqlite3_finalize(st);
    return *n ? 0 : -1;
}

void nat_columns_free(char **cols, char **types, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cols[i]);
        free(types[i]);
    }
    free(cols);
    free(types);
}
