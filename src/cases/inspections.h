/*
 * inspections.h — circuit inspections (巡回检察, spec/workflow.md): plans of kind
 * routine 常规 / special 专门 / mobile 机动 / cross 交叉, the inspector pool
 * (巡回检察人才库), the proposed team of a plan, the facility's starting list (risk
 * profile and open leads) and findings recorded as leads.
 *
 * Team rules (最高人民检察院《人民检察院巡回检察工作规定》; workflow.md):
 *   T1  a cross inspection has no member whose home province (first 2 digits of the
 *       home region_code) is the facility's province;
 *   T2  a cross inspection has no member who inspected the same facility within the last
 *       `recent_months` (cfg 24) before the plan's start;
 *   T3  nobody is a member of another inspection whose period overlaps the plan's;
 *   T4  every speciality of the plan's focus is held by at least one member;
 *   T5  workload balanced: among eligible inspectors the least loaded are chosen
 *       (workload = inspections joined that end on or after start - `workload_months`),
 *       ties broken by inspector_id, so a proposal is deterministic.
 * When no team satisfies T1–T4 the proposal fails with a message naming what is
 * missing; it never returns a team that breaks a rule.
 *
 * Scope and audit, whoever calls (web, CLI, the simulated year), as office.h says: the
 * functions of a plan, an inspection or a list take the caller's scope sc and check it
 * first — a facility or person outside it is ZJ_EFORBIDDEN, an inspection outside it
 * ZJ_ENOTFOUND like a missing one — and every write appends its audit entry. The
 * inspector pool is the country's, shared by every scope.
 */
#ifndef ZJ_INSPECTIONS_H
#define ZJ_INSPECTIONS_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "cases/scope.h"
#include "law/date.h"
#include "util/error.h"
#include "util/strbuf.h"

#define INSPECT_TEAM_MAX 16

typedef struct inspect_rules {
    int team_size;       /* members to propose (default 5; at least the focus needs) */
    int recent_months;   /* T2 window (default 24) */
    int workload_months; /* T5 window (default 12) */
} inspect_rules;

/* The defaults above. */
void inspect_rules_default(inspect_rules *r);

typedef struct inspect_plan {
    const char *kind; /* routine, special, mobile, cross */
    const char *facility_id;
    zj_date start, end; /* inclusive period */
    const char *focus;  /* ';' or ','-separated speciality ids; may be NULL */
} inspect_plan;

typedef struct inspect_member {
    char inspector_id[64];
    char name[64];
    char home_region[16];
    char specialities[160]; /* ';'-separated */
    int workload;
    bool leader;
    char reason[64]; /* "speciality:changes" or "workload" */
} inspect_member;

typedef struct inspect_team {
    int n;
    inspect_member m[INSPECT_TEAM_MAX];
    /* how many active inspectors each rule excluded (for the explanation) */
    int excluded_province, excluded_recent, excluded_busy, pool;
} inspect_team;

/* Is kind one of routine, special, mobile, cross? */
bool inspect_kind_valid(const char *kind);
/* Chinese label of a kind (常规/专门/机动/交叉), or the id itself when unknown. */
const char *inspect_kind_label(const char *kind);
/* Chinese label of a speciality / focus id (changes → 减刑假释暂予监外执行 …). */
const char *inspect_speciality_label(const char *id);

/* Propose a team for plan. exclude_id: an inspection to ignore (the plan itself when it
 * is already stored), or 0. rules may be NULL (defaults). On success fills *out and
 * returns 0. Errors: ZJ_EFORBIDDEN the facility outside sc (or unknown), ZJ_EINVAL bad
 * plan, ZJ_ECONFLICT no team satisfies the rules (d says which speciality or how many are
 * missing), ZJ_EDB. */
int inspect_propose_team(sqlite3 *db, const zj_scope *sc, const inspect_plan *plan, long exclude_id,
                         const inspect_rules *rules, inspect_team *out, zj_diag *d);

/* Store a plan (status planned) of a facility in scope sc (else ZJ_EFORBIDDEN) and, when
 * team is non-NULL, its members; audited "inspection:<id>". The region_code is copied from
 * the facility. Returns 0 and the id in *id_out, or a ZJ_E* code. */
int inspect_plan_create(sqlite3 *db, const zj_scope *sc, const inspect_plan *plan,
                        const inspect_team *team, const char *actor, long *id_out, zj_diag *d);

/* Add an inspector to the pool with specialities (';' or ','-separated), by actor (audited
 * "inspector:<id>"). Replaces an existing row with the same id. Returns 0 or ZJ_EDB /
 * ZJ_EINVAL. */
int inspect_inspector_add(sqlite3 *db, const char *id, const char *name, const char *home_region,
                          const char *specialities, const char *actor, zj_diag *d);

/* The active inspectors, by id: [{inspector_id, name, home_region, specialities (';'-
 * separated), inspections (teams they were in)}], or NULL on a database error. */
json_t *inspect_inspectors_json(sqlite3 *db);

/* Append a team as JSON ({"members":[…],"excluded":{…}}) to out. */
void inspect_team_json(const inspect_team *team, strbuf *out);

/* The starting list of inspection `id` as JSON: the facility, persons held, open leads
 * per 100 held by family, the open leads (at most 500, high severity first), "incidents":
 * the facility's incidents of the 12 months before the start by kind and injury, and
 * "fac01": the facility's row of the FAC-01 ranking at the inspection's start (rank, held,
 * open_leads, per_100, families, incidents_12m, released, reoffended, reoffend_pct,
 * ranked = facilities ranked; null when not ranked).
 * Returns 0, ZJ_ENOTFOUND (missing, or outside sc) or ZJ_EDB. */
int inspect_starting_list_json(sqlite3 *db, const zj_scope *sc, long id, strbuf *out, zj_diag *d);

/* A finding of inspection `id` (in scope sc, else ZJ_ENOTFOUND), recorded as a lead
 * (source 'inspection', model_id 'INSPECT', subject 'INS-<id>-<n>') with its history row,
 * linked to the inspection; audited "lead:<lead id>". family/severity/basis/person_id may
 * be NULL; a person outside sc is ZJ_EFORBIDDEN. Returns 0 and the lead id. */
typedef struct inspect_finding {
    const char *summary;
    const char *person_id;
    const char *family;
    const char *severity;
    const char *basis;
} inspect_finding;
int inspect_finding_add(sqlite3 *db, const zj_scope *sc, long id, const inspect_finding *f,
                        const char *actor, zj_date as_of, long *lead_id, zj_diag *d);

/* The inspections in scope sc whose region starts with region_prefix (NULL or "" = all)
 * and, when facility_id is non-NULL, of that facility (in scope, else ZJ_EFORBIDDEN), as a
 * JSON array with members and finding counts. */
int inspect_list_json(sqlite3 *db, const zj_scope *sc, const char *region_prefix,
                      const char *facility_id, strbuf *out, zj_diag *d);

#endif
