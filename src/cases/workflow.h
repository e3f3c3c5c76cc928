/*
 * workflow.h — leads → cases → measures (spec/workflow.md), read and changed under an
 * account's scope. Every read takes the zj_scope and filters in SQL (scope.h); an object
 * outside the scope is reported exactly like a missing one (ZJ_ENOTFOUND / NULL), so a
 * user cannot even learn that it exists. Results are jansson objects for the JSON API;
 * the caller owns (json_decref) what is returned.
 *
 * Lead states: open → assigned → verifying → case | dismissed (resolved: by data).
 * Measures: correction_notice (reply within MEASURE_REPLY_DAYS of sending), suggestion
 * (reply within 2 months, 人民检察院检察建议工作规定), hearing, transfer, objection (must be
 * sent within OBJECTION_DAYS of receiving the ruling, 刑事诉讼法第274条).
 */
#ifndef ZJ_WORKFLOW_H
#define ZJ_WORKFLOW_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "cases/accounts.h"
#include "cases/scope.h"
#include "law/date.h"
#include "util/strbuf.h"

#define MEASURE_REPLY_DAYS 15 /* default of procuratorates.reply_days (local practice) */
#define SUGGESTION_REPLY_MONTHS 2
#define OBJECTION_DAYS 20     /* 刑事诉讼法第274条 */
#define PROPOSAL_DAYS 10      /* 人民检察院刑事诉讼规则第635条 */
#define ORAL_FOLLOW_UP_DAYS 7 /* 人民检察院刑事诉讼规则第624条 */
#define WARN_DAYS 5           /* deadlines shown as due this many days ahead */

typedef struct lead_filter {
    const char *model, *family, *facility, *region, *status, *severity, *from, *to;
    int page;          /* 1-based */
    int per;           /* rows per page, 1..200 */
    zj_date sealed_on; /* exports: persons sealed on this date are masked (0: the clock's today) */
} lead_filter;

/* Mask an 18-character id_number as 110105********1234 into out (at least 19 bytes). */
void workflow_mask_id(const char *id, char *out, size_t n);

/* One page of leads in scope matching f: {"items":[…], "page", "per", "total", "more"}
 * (total counts at most 5000 rows, then capped is true; "more" says whether another page exists).
 */
json_t *leads_page(sqlite3 *db, const zj_scope *sc, const lead_filter *f);
/* The same page written as JSON text to out (the API's fast path). Returns 0 or ZJ_EDB. */
int leads_page_write(sqlite3 *db, const zj_scope *sc, const lead_filter *f, strbuf *out);

/* All leads in scope matching f as CSV (cli.md `zhijian leads` columns). Returns count. */
long leads_export_csv(sqlite3 *db, const zj_scope *sc, const lead_filter *f, strbuf *out);
/* The same rows one by one (the columns of the CSV, NULL = empty), for other formats.
 * A row whose person is sealed on f->sealed_on is masked (sealed.h sealed_mask_lead_row).
 * Returns the count or -1. */
long leads_export_each(sqlite3 *db, const zj_scope *sc, const lead_filter *f,
                       void (*row)(void *ctx, const char *const cells[11]), void *ctx);

/* Lead id with its evidence (parsed), history, person and case; NULL when missing or out
 * of scope. mask: mask id_numbers. */
json_t *lead_get(sqlite3 *db, const zj_scope *sc, long id, bool mask);

/* The lead state machine (workflow_leads.c lead_transitions): the state a lead in state
 * from goes to by action (assign, verify, dismiss, case) when role may take it; role NULL
 * is the local operator (the CLI), who may take every action. Returns the state (static),
 * or NULL with *rc ZJ_EINVAL (unknown action), ZJ_ECONFLICT (not in that state: the lead
 * is no longer open) or ZJ_EFORBIDDEN (not that role). */
const char *lead_transition(const char *from, const char *action, const char *role, int *rc);

/* Change a lead: action assign (arg = assignee, default actor), verify (arg = note),
 * dismiss (arg = reason, required), case (arg = title, optional; *case_id set), as
 * lead_transition allows. Records lead_history, case_history and the audit entry in one
 * transaction. Returns 0, ZJ_ENOTFOUND, ZJ_ECONFLICT (state does not allow it),
 * ZJ_EINVAL, ZJ_EDB. lead_change is the local operator's (the CLI: every role);
 * lead_change_as an account's, whose role the state machine checks (ZJ_EFORBIDDEN). */
int lead_change(sqlite3 *db, const zj_scope *sc, long id, const char *actor, const char *action,
                const char *arg, long *case_id);
int lead_change_as(sqlite3 *db, const zj_scope *sc, long id, const char *actor, const char *role,
                   const char *action, const char *arg, long *case_id);

/* Person with judgments, custody, changes, corrections and leads (in scope); NULL when
 * missing or out of scope. The caller audits the read. */
json_t *person_get(sqlite3 *db, const zj_scope *sc, const char *person_id, bool mask);

/* Overview: open leads by family and by facility, deadlines due, 12-month trend, totals. */
json_t *workflow_overview(sqlite3 *db, const zj_scope *sc, zj_date today);

/* Facilities in scope [{facility_id, name, kind, region_code}], and the models seen in
 * leads in scope [{model_id, family, n}]. */
json_t *facilities_list(sqlite3 *db, const zj_scope *sc);
json_t *lead_models(sqlite3 *db, const zj_scope *sc);

/* Cases in scope: status NULL for all. */
json_t *cases_list(sqlite3 *db, const zj_scope *sc, const char *status, int page, int per);
/* Case with its lead, history and measures; NULL when missing or out of scope. */
json_t *case_get(sqlite3 *db, const zj_scope *sc, long id, bool mask);
/* Close a case (note optional). */
int case_close(sqlite3 *db, const zj_scope *sc, long id, const char *actor, const char *note);

/* Add a measure of kind to case_id, drafting its document from the lead's evidence.
 * received (objection: date the ruling was received, required) sets due_date.
 * Returns 0 with *measure_id, ZJ_EINVAL (d says why), ZJ_ENOTFOUND, ZJ_EDB. */
int measure_create(sqlite3 *db, const zj_scope *sc, long case_id, const char *kind,
                   const char *recipient_id, const char *received, const char *actor, zj_date today,
                   long *measure_id, zj_diag *d);

/* A new measure: kind (measure_kind_label), recipient_id (NULL: the lead's body; for an
 * objection the court or body that ruled), received (the date the ruling, decision or
 * proposal was received: required for an objection), charge (investigation: one of the 14
 * duty crimes of 刑事诉讼法第十九条第二款), parent_measure_id and parent_date (the oral
 * correction a notice follows). */
typedef struct measure_input {
    const char *kind, *recipient_id, *received, *charge;
    long parent_measure_id;
    const char *parent_date;
} measure_input;

/* Add the measure in to case_id with its drafted document (documents.h), sent by the
 * actor's procuratorate (procuratorates.h). Its deadline (due_date): a ruling's correction
 * received + 20 days, a temporary-execution decision's received + 1 month, a proposal's
 * received + 10 days, an oral correction's follow-up today + 7 days. A correction of a
 * commutation or parole ruling from a procuratorate not at the court's level is refused
 * with ZJ_EFORBIDDEN and the reason in d. Returns 0 with *measure_id, ZJ_EINVAL,
 * ZJ_EFORBIDDEN, ZJ_ENOTFOUND, ZJ_EDB. */
int measure_add(sqlite3 *db, const zj_scope *sc, long case_id, const measure_input *in,
                const char *actor, zj_date today, long *measure_id, zj_diag *d);

/* An oral correction not complied with becomes a correction notice (规则第624条) that
 * names it. Returns 0 with *notice_id, ZJ_ECONFLICT (not an oral correction, complied
 * with, or followed already), ZJ_ENOTFOUND, or measure_add's errors. */
int measure_escalate(sqlite3 *db, const zj_scope *sc, long id, const char *actor, zj_date today,
                     long *notice_id, zj_diag *d);

/* The 14 duty crimes an investigation may name. */
const char *const *measure_duty_crimes(size_t *n);

/* The measure with its case facts, sending procuratorate, number, document (object) and
 * the list of its document's versions; NULL when out of scope. */
json_t *measure_get(sqlite3 *db, const zj_scope *sc, long id);

/* Version (1 = the draft) of the measure's document; NULL when missing or out of scope. */
json_t *measure_document_version(sqlite3 *db, const zj_scope *sc, long id, int version);

/* Update a measure from a JSON object with any of: document (object: documents.h; refused
 * with ZJ_ECONFLICT once sent; its number is always the register's), issue (date: 签发,
 * gives the number of the sending procuratorate for that year and kind and dates the
 * document; ZJ_ECONFLICT when issued already), sent_date (issues the document that day when
 * it was not issued, and sets the reply deadline: the procuratorate's reply_days for a
 * correction notice), reply_date, reply, corrected (bool). Each version of the document
 * is kept (measure_documents). Returns 0, ZJ_EINVAL, ZJ_ECONFLICT, ZJ_ENOTFOUND, ZJ_EDB. */
int measure_update(sqlite3 *db, const zj_scope *sc, long id, json_t *in, const char *actor,
                   zj_diag *d);

/* Deadlines: documents with a legal deadline not yet sent (waiting "send"), replies not
 * yet received ("reply"), oral corrections neither complied with nor followed by a notice
 * ("follow_up"), with days left against today; overdue_only keeps the passed ones. */
json_t *measures_due(sqlite3 *db, const zj_scope *sc, zj_date today, bool overdue_only);

/* Chinese label of a measure kind, or NULL when kind is unknown. */
const char *measure_kind_label(const char *kind);

#endif
