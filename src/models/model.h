/*
 * model.h — the contract between the screening engine and the supervision models
 * (spec/models.md, shared/design.md).
 *
 * A model is one catalog row (model_def). It runs either
 *   - per person: run_person(timeline, figures, sink) over one person's assembled
 *     timeline (struct zj_timeline, defined by the engine in models/timeline.h), or
 *   - set-based: run_set(ctx, sink) over the whole database in SQL (cross-person models:
 *     co-defendants in one cell, one related case credited to many, officer concentration,
 *     and the models whose data is keyed by something other than a person), or
 *   - from a user model file (SQL with a metadata header; models/user_models.c).
 * Every model reports leads through lead_sink_emit(); the engine upserts them by
 * (model_id, subject) and marks resolved the leads no longer raised.
 */
#ifndef ZJ_MODEL_H
#define ZJ_MODEL_H
#include <sqlite3.h>
#include <stdbool.h>

#include "law/date.h"

struct zj_timeline;
struct law_figures;
struct law_params;

/* One lead, as a model emits it. All strings borrowed for the duration of the call. */
typedef struct zj_lead {
    const char *model_id;
    const char *subject;     /* the record the lead is about (models.md subject table) */
    const char *person_id;   /* may be NULL (e.g. DUTY-01) */
    const char *facility_id; /* the body responsible */
    const char *region_code;
    const char *severity; /* "high", "medium", "low"; NULL = the model's default */
    const char *summary;  /* one Chinese sentence with the figures */
    const char *evidence; /* JSON object text: source records by key, computed dates */
    const char *basis;    /* rule ids and articles, e.g. "C-01 减刑假释规定第6条" */
} zj_lead;

typedef struct lead_sink lead_sink;

/* Hand a lead to the engine. Thread-safe for the sink the engine gave. Returns 0 or <0. */
int lead_sink_emit(lead_sink *sink, const zj_lead *lead);

/* What a set-based model gets: a read connection, the as-of date and the parameters. */
typedef struct model_ctx {
    sqlite3 *db;
    zj_date as_of;
    const struct law_params *params;
} model_ctx;

typedef struct model_def {
    const char *id;       /* "CHG-01" */
    const char *name;     /* Chinese name, "减刑起始时间不足" */
    const char *family;   /* delivery, custody, changes, community, political, property,
                             conditions, second_order, user */
    const char *severity; /* default severity */
    const char *basis;    /* rule ids and articles */
    const char *subject;  /* subject kind: judgment_id, change_id, cc_id, … */
    const char *params;   /* JSON object text of the parameters it uses, for the catalog */
    int (*run_person)(const struct zj_timeline *tl, const struct law_figures *fig, lead_sink *sink);
    int (*run_set)(const model_ctx *ctx, lead_sink *sink);
    unsigned parts; /* timeline parts run_person reads: TL_BIT(TL_*) of timeline.h
                       (TL_BASE at least); 0 = the whole timeline */
    unsigned flags; /* enum model_flags */
} model_def;

enum model_flags {
    /* set-based: in an incremental screening, restricted to the persons being screened
     * (temp.screen_scope, see catalog.h) and its leads resolved only within them */
    MODEL_SCOPED = 1u << 0,
    /* set-based and reads the leads table (second-order and user models): runs after the
     * per-person models' leads are stored; the others run beside the person pass */
    MODEL_READS_LEADS = 1u << 1,
    /* per-person: run_person reads a part of TL_ON_DEMAND (timeline.h) only after asking for
     * it with timeline_part, and only its rows from the date it asked from */
    MODEL_ASKS = 1u << 2,
    /* per-person: reads no cc_events row of kind checkin, only each correction's
     * last_checkin and each absconded event's next_checkin; when every running reader of
     * cc_events says so, a screening leaves the checkins (most of the rows) out */
    MODEL_LAST_CHECKIN = 1u << 3,
    /* set-based and scoped: an incremental run widens temp.screen_scope (adds persons whose
     * leads the changed persons' data can change) on the connection it runs on, for itself
     * and the scoped models after it; so in an incremental screening it runs on the
     * writer's connection, never beside the person pass (engine.c) */
    MODEL_WIDENS = 1u << 4,
};

#endif
