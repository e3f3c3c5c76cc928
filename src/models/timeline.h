/*
 * timeline.h — one person's assembled records, as the screening engine hands them to the
 * per-person models (spec/models.md, shared/design.md "engine").
 *
 * The engine fills one zj_timeline per person from cursors over every feed table ordered by
 * person_id (a merge, not a query per person) and reuses its buffers for the next person:
 * every pointer in it (strings, rows) is borrowed until the next timeline_reset(). Dates are
 * zj_date (ZJ_DATE_NONE when empty); ints are -1 when empty; booleans 0/1 or -1 when
 * unknown. Enum columns keep the English identifier of feeds.md as a string, plus a parsed
 * code for the ones the engine branches on (penalty, custody event_type, change kind).
 *
 * Rows of each table are in date order (judgments by effective_date, custody by
 * event_date then event_id, changes by decision_date, …). Activities, voters and record
 * queries are matched by the person's id_number.
 *
 * Per-judgment computed dates (term start/end, execution date, expected release: law.md
 * S-01..S-08) are in tl->calc[i], parallel to tl->jud[i]; they are computed once per
 * judgment by timeline_compute() before the models run. The law core's figures of each
 * judgment (law_compute: eligibility dates, violations per change) are in tl->figs[i]
 * when tl->figs_ok[i]; the engine passes tl->figs as run_person's `fig` argument.
 * Only the parts some running model reads are loaded (enum tl_part, catalog.h).
 */
#ifndef ZJ_TIMELINE_H
#define ZJ_TIMELINE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "law/date.h"
#include "law/law.h"

struct law_params;

/* Penalties, custody events and change kinds are the law core's enums (law.h: enum
 * law_penalty, law_event_type, law_change_kind; one list of names for the whole program). */

/* The parts of a timeline, one per feed cursor of the engine (bit = 1u << part). */
enum tl_part {
    TL_PERSONS,
    TL_JUDGMENTS,
    TL_CUSTODY,
    TL_CHANGES,
    TL_MEDICAL,
    TL_SCORES,
    TL_MERITS,
    TL_CORRECTIONS,
    TL_CC_EVENTS,
    TL_PROPERTY,
    TL_PAYMENTS,
    TL_CELLS,
    TL_RESTRAINTS,
    TL_DEATHS,
    TL_ACTIVITIES,
    TL_VOTERS,
    TL_RECORD_QUERIES,
    TL_SCORES_NOTABLE,
    TL_PART_COUNT
};
#define TL_BIT(p) (1u << (p))
#define TL_ALL ((1u << TL_PART_COUNT) - 1)
/* What every per-person model gets: the law core needs the judgments, custody events and
 * changes of every judgment. */
#define TL_BASE                                                                                    \
    (TL_BIT(TL_PERSONS) | TL_BIT(TL_JUDGMENTS) | TL_BIT(TL_CUSTODY) | TL_BIT(TL_CHANGES))
/* Parts a screening may load only when a model asks for them (timeline_part): the voters,
 * matched by id_number, cost each person a seek into a table kept in id_number order, and
 * PR-01 needs them only for a person deprived of political rights; CHG-13 needs the scores
 * of the last year, of a person serving a fixed term in prison, CHG-10 every score of a
 * person with a release change or a solitary confinement; the activities, matched by
 * id_number too, PAP-01 from the person's first custody on, PAP-02 from an undelivered
 * judgment's effective date on, CHG-12 from a medical 暂予监外执行 on; the record queries
 * JUV-01 from the day a juvenile's record is sealed on. A part is left for later
 * when every running model that reads it asks for it (MODEL_ASKS, model.h). */
#define TL_ON_DEMAND                                                                               \
    (TL_BIT(TL_VOTERS) | TL_BIT(TL_SCORES) | TL_BIT(TL_ACTIVITIES) | TL_BIT(TL_RECORD_QUERIES))
/* TL_SCORES_NOTABLE: the score months with penalty points or more than TL_NOTABLE_BONUS
 * bonus points (the partial index scores_notable, migration scores-notable-1), in tl->sco_n:
 * all CHG-10 needs of a person with no release change and no solitary confinement. */
#define TL_NOTABLE_BONUS 50

/* A facility, from the facilities table (shared read-only by all threads). */
typedef struct tl_facility {
    const char *facility_id;
    const char *name;
    const char *kind; /* prison, juvenile_prison, detention_center, … */
    const char *region_code;
    int designated;
    int score_p95; /* 95th percentile of the monthly total points (base + bonus) of the
                      score months at this facility up to the as-of; -1 when none (engine) */
} tl_facility;

typedef struct tl_judgment {
    const char *judgment_id, *case_no, *court_id, *charges, *flags, *penalty_s;
    int penalty; /* enum law_penalty */
    zj_date offense_date, judgment_date, effective_date, notice_date, term_start, term_end;
    int term_months, term_days, probation_months, dpr_months;
    int dpr_life, recidivist, limited_commutation;
} tl_judgment;

typedef struct tl_custody {
    const char *event_id, *facility_id, *event_type_s, *judgment_id;
    const tl_facility *fac; /* NULL when the facility is unknown */
    int type;               /* enum law_event_type */
    zj_date date;
} tl_custody;

typedef struct tl_change {
    const char *change_id, *judgment_id, *kind_s, *proposer_id, *decider_id, *grounds, *new_penalty,
        *exam_id, *leniency, *officer_id;
    int kind;                                             /* enum law_change_kind */
    zj_date proposal_date, decision_date, effective_date; /* effective defaults to decision */
    int reduction_months, reduction_days, new_term_months, points;
} tl_change;

typedef struct tl_medical {
    const char *exam_id, *hospital_id, *kind, *disease, *severe_list_item;
    const tl_facility *hospital;
    zj_date exam_date;
} tl_medical;

typedef struct tl_score {
    const char *score_id, *facility_id, *officer_id;
    int year, month;                               /* the score month */
    int base_points, bonus_points, penalty_points; /* bonus/penalty 0 when empty */
} tl_score;

typedef struct tl_merit {
    const char *merit_id, *facility_id, *kind, *category, *related_case_no, *officer_id;
    zj_date event_date, confirmed_date;
} tl_merit;

typedef struct tl_correction {
    const char *cc_id, *agency_id, *basis, *judgment_id, *change_id, *status;
    zj_date order_date, report_date, start_date, end_date, status_date;
    zj_date last_checkin;      /* its latest checkin event up to the as-of date, or NONE */
    size_t ev_first, ev_count; /* its events: tl->cc_ev[ev_first .. ev_first+ev_count); without
                                  the checkins when no running model reads them one by one
                                  (MODEL_LAST_CHECKIN, model.h) */
} tl_correction;

typedef struct tl_cc_event {
    const char *event_id, *cc_id, *kind, *region_code;
    zj_date date;
    zj_date next_checkin; /* an absconded event: its correction's first checkin after it, up to
                             the as-of date, or NONE (NONE for the other kinds) */
} tl_cc_event;

typedef struct tl_property {
    const char *enforcement_id, *judgment_id, *court_id, *kind, *status;
    int64_t amount_due_fen;
    zj_date filed_date, last_action_date, status_date;
    int investigated, unable;
    size_t pay_first, pay_count; /* its payments: tl->pay[pay_first .. +pay_count) */
} tl_property;

typedef struct tl_payment {
    const char *payment_id, *enforcement_id, *payer;
    int64_t amount_fen;
    zj_date pay_date;
} tl_payment;

typedef struct tl_cell {
    const char *assignment_id, *facility_id, *cell_id;
    zj_date start_date, end_date;
} tl_cell;

typedef struct tl_restraint {
    const char *record_id, *facility_id, *kind, *officer_id;
    zj_date start_date, end_date;
} tl_restraint;

typedef struct tl_death {
    bool present;
    const char *facility_id, *cause;
    zj_date death_date, reported_date;
    int autopsy;
} tl_death;

typedef struct tl_activity {
    const char *record_id, *kind, *region_code;
    zj_date date;
} tl_activity;

typedef struct tl_voter {
    const char *record_id, *region_code;
    zj_date election_date;
    int registered, voted, candidate, elected;
} tl_voter;

/* A request for the person's criminal record (feeds.md record_queries, matched by id_number). */
typedef struct tl_record_query {
    const char *query_id, *requester_kind, *requester, *legal_basis, *answered_by;
    zj_date query_date;
    int provided;
} tl_record_query;

/* Computed dates of one judgment (law.md §2, S-01..S-08), filled by timeline_compute().
 * ZJ_DATE_NONE where not applicable. */
typedef struct tl_calc {
    bool imprisonment;     /* fixed_term/life/death_suspended without probation, or 拘役 without
                              probation */
    zj_date custody_start; /* E of S-03: first day of the custody period in which execution began */
    int credit_days;       /* C of S-03 (S-01, S-02) */
    zj_date term_start;    /* S-03 */
    zj_date term_end_orig; /* S-03 */
    zj_date term_end;      /* after escapes (S-06) and commutations (S-04, S-05) */
    zj_date execution_date;          /* S-08: first admit for this judgment */
    zj_date parole_date;             /* effective date of a parole (not revoked), else NONE */
    zj_date release_expected;        /* S-07 */
    zj_date deadline_delivery;       /* D-02: (notice_date or effective+10) + 1 month */
    const char *admit_facility_kind; /* kind of the executing facility at admission */
} tl_calc;

/* The arrays a law_case points into (law_case_build), kept from one judgment and person
 * to the next: each worker's timeline owns one. cats[k] is the charge categories of
 * judgment k of the current person (law_charges_category), resolved once per person, and
 * looked up in memo first: most judgments name one of a few charge lists. */
typedef struct tl_law_scratch {
    struct law_custody_event *ev;
    size_t a_ev;
    struct law_change *ch;
    size_t a_ch;
    struct law_prior *pr;
    size_t a_pr;
    unsigned *cats;
    size_t a_cats;
    struct tl_charges_memo *memo; /* charge categories by charges text, kept across persons */
} tl_law_scratch;

/* A chunked string arena: pointers stay valid until tl_arena_reset (blocks are kept). */
typedef struct tl_arena_block tl_arena_block;
typedef struct tl_arena {
    tl_arena_block *head, *cur;
} tl_arena;

typedef struct zj_timeline {
    zj_date as_of;
    const struct law_params *params; /* NULL = defaults */
    void *model_data;                /* engine-private (engine_person_load's facilities) */

    const char *person_id, *id_number, *name, *gender;
    zj_date birth_date;

    tl_judgment *jud;
    size_t n_jud, a_jud;
    tl_calc *calc;
    size_t a_calc; /* parallel to jud */
    struct law_figures *figs;
    size_t a_figs; /* parallel to jud: law_compute() per judgment */
    bool *figs_ok;
    size_t a_figs_ok; /* figs[i] valid (law_compute returned 0) */
    tl_custody *cus;
    size_t n_cus, a_cus;
    tl_change *chg;
    size_t n_chg, a_chg;
    tl_medical *med;
    size_t n_med, a_med;
    tl_score *sco;
    size_t n_sco, a_sco;
    tl_score *sco_n; /* TL_SCORES_NOTABLE */
    size_t n_sco_n, a_sco_n;
    tl_merit *mer;
    size_t n_mer, a_mer;
    tl_correction *cc;
    size_t n_cc, a_cc;
    tl_cc_event *cc_ev;
    size_t n_cc_ev, a_cc_ev;
    tl_property *prop;
    size_t n_prop, a_prop;
    tl_payment *pay;
    size_t n_pay, a_pay;
    tl_cell *cell;
    size_t n_cell, a_cell;
    tl_restraint *res;
    size_t n_res, a_res;
    tl_death death;
    tl_activity *act;
    size_t n_act, a_act;
    tl_voter *vot;
    size_t n_vot, a_vot;
    tl_record_query *rq;
    size_t n_rq, a_rq; /* by query_date */
    struct tl_interval *iv;
    size_t n_iv, a_iv; /* legal periods (models/intervals.h) */

    /* facilities, sorted by id (borrowed from the engine) */
    const tl_facility *fac;
    size_t n_fac;

    tl_arena arena;
    tl_law_scratch law; /* timeline_law's law cases */

    /* parts of TL_ON_DEMAND left for later for this person; of those, the rows loaded so
     * far (loaded) are dated from loaded_from[part] on (ZJ_DATE_NONE: all) and before
     * loaded_before[part] (ZJ_DATE_NONE: no bound); the engine's loader */
    unsigned pending, loaded;
    zj_date loaded_from[TL_PART_COUNT], loaded_before[TL_PART_COUNT];
    int (*load_part)(struct zj_timeline *tl, enum tl_part part, zj_date from, zj_date before);
    /* the engine's dates of the person's activities, without their rows (NULL: none) */
    bool (*activity_dates)(const struct zj_timeline *tl, const zj_date **dates, size_t *n);
    void *loader; /* the loader's state */
} zj_timeline;

void timeline_init(zj_timeline *tl);
/* Forget the current person's rows, keeping the buffers. */
void timeline_reset(zj_timeline *tl);
void timeline_release(zj_timeline *tl);

/* Load the rows of part p of the current person dated from `from` on (ZJ_DATE_NONE: all of
 * them) if the engine left the part for later (TL_ON_DEMAND); rows before `from` may be
 * there too. A model that asks (MODEL_ASKS) reads such a part only after this, and only
 * its rows from `from` on. Returns 0, or ZJ_EDB. */
int timeline_part(const zj_timeline *tl, enum tl_part p, zj_date from);
/* As timeline_part, the rows dated before `before` only (ZJ_DATE_NONE: no bound; rows from
 * then on may be there too): the scores (TL_SCORES) by month, where `before` is the first
 * day of a month; any other part as timeline_part. */
int timeline_part_before(const zj_timeline *tl, enum tl_part p, zj_date from, zj_date before);
/* The dates of all the current person's activities (TL_ACTIVITIES, not yet loaded), as
 * their rows would give them, in no particular order, when the engine has them at hand:
 * true with *dates and *n (a model that finds no date it needs can do without the rows),
 * else false (ask for the part). */
bool timeline_activity_dates(const zj_timeline *tl, const zj_date **dates, size_t *n);

/* Copy a string into the timeline's arena (NULL stays NULL). */
const char *timeline_strdup(zj_timeline *tl, const char *s);

/* The facility with this id, or NULL. */
const tl_facility *timeline_facility(const zj_timeline *tl, const char *facility_id);

/* Index of the judgment with this id in tl->jud, or -1. */
int timeline_judgment_index(const zj_timeline *tl, const char *judgment_id);

/* Fill tl->calc[] for every judgment (S-01..S-08, D-02). Pure over the timeline. */
void timeline_compute(zj_timeline *tl);

/* Fill tl->figs[] with the law core's figures of every judgment (law_compute over a
 * law_case built from the timeline: the judgment, the custody events from its offense date,
 * its changes in record order, the earlier judgments as priors). models/law_bridge.c. */
void timeline_law(zj_timeline *tl);

/* The law core's case of judgment ji as the screening builds it, into r (r->c and the
 * arrays it points into, owned by r: release with law_request_release). The one way from
 * a person's data to a law_case: screening, `zhijian person`, complaints and the web use it.
 * Returns 0, or ZJ_EINVAL when ji is out of range. */
struct law_request;
int law_case_from_timeline(const zj_timeline *tl, size_t ji, struct law_request *r);

/* The same case into c, its arrays in s (valid until the next call with s; room for one
 * more change than c->n_changes). law_scratch_person(tl, s) first, once per person: it
 * resolves the charge categories of every judgment. */
void law_scratch_person(const zj_timeline *tl, tl_law_scratch *s);
int law_case_build(const zj_timeline *tl, size_t ji, tl_law_scratch *s, struct law_case *c);
void law_scratch_release(tl_law_scratch *s);

/* J-01 (law.md §14): the sealing interval of the person's record from tl->jud and the
 * birth date (law_record_sealing; models/law_bridge.c); and whether it is sealed on d.
 * Needs TL_PERSONS and TL_JUDGMENTS loaded. */
struct law_sealing;
void timeline_sealing(const zj_timeline *tl, struct law_sealing *out);
bool timeline_sealed_on(const zj_timeline *tl, zj_date d);

/* The k-th change (law_case change_index) of judgment ji, or NULL. */
const tl_change *timeline_change_of(const zj_timeline *tl, size_t ji, int k);

/* Parse helpers for the feed enums. */
int tl_penalty_parse(const char *s);
int tl_event_parse(const char *s);
int tl_change_kind_parse(const char *s);

/* True when the ';'-separated list has the item. */
bool tl_list_has(const char *list, const char *item);

/* Held at an executing/holding facility on day d: the custody state derived from events
 * up to and including d (detain/admit/transfer_in/return/recapture/leave_end → held;
 * bail, any release, escape/leave_start/death → not held). Returns the last event deciding it
 * in *last (may be NULL). */
bool timeline_held_on(const zj_timeline *tl, zj_date d, const tl_custody **last);

/* What custody event i does to the custody state: 1 puts the person in a holding facility,
 * 0 takes them out, -1 neither (also an admission after the sentence was completed). */
int timeline_event_holds(const zj_timeline *tl, size_t i);

#endif
