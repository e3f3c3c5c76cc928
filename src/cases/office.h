/*
 * office.h — the resident procuratorate office (派驻检察室, spec/workflow.md): the daily
 * log, talks with detainees (谈话), meetings requested by detainees (约见), mailbox
 * letters (检察官信箱), and complaints (控告/举报/申诉): intake, routing, deadline,
 * outcome, with an append-only history. A letter, a talk or a meeting can become a
 * complaint or a lead (leads.source = 'complaint' | 'talk' | 'letter' | 'inspection').
 *
 * Deadlines (最高人民检察院 信访工作规定, "群众来信件件有回复"): a procedural reply within
 * 7 days of receipt (ack_due) and the result within 3 months (deadline); both cfg below.
 *
 * Scope and audit, whoever calls (web, CLI, the simulated year): every function below that
 * reads or writes a record takes the caller's scope sc and checks it first (scope.h
 * scope_check, scope_check_record): a facility or person outside it is ZJ_EFORBIDDEN, a
 * record found by id outside it ZJ_ENOTFOUND like a missing one. Every write appends its
 * audit entry (actor, action "change", the object named below) in its transaction, or in
 * a savepoint of the caller's (audit.h audit_change_open). office_lead_add is the building
 * block of those writes (and of inspections.c, duty.c): it checks neither.
 */
#ifndef ZJ_OFFICE_H
#define ZJ_OFFICE_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "cases/scope.h"
#include "law/date.h"
#include "util/error.h"
#include "util/strbuf.h"

#define OFFICE_ACK_DAYS 7
#define OFFICE_ANSWER_MONTHS 3

/* Record timestamps ('YYYY-MM-DDTHH:MM:SSZ' into buf, ≥ 21 bytes): the clock, or 09:00 of
 * the day set by office_stamp_override on this thread (ZJ_DATE_NONE: the clock again).
 * The override is for back-filling a simulated year (simulate.c) only, so that the
 * history of simulated records carries their simulated dates. */
void office_stamp_override(zj_date day);
char *office_stamp(char buf[static 21]);

/* The person-link rule (docs/security.md): a record at facility F — a complaint, talk,
 * meeting, letter, or a lead not raised by a model — may name only a person with a custody
 * event at F or a model's lead at F, whoever files it; otherwise a record could bring a
 * person held elsewhere into F's view (scope.h SCOPE_PERSON_SQL). NULL or "" person or
 * facility: nothing to check. Returns 0, ZJ_EFORBIDDEN (d names both) or ZJ_EDB. The
 * triggers of migration "person-link-1" hold the same rule for every writer. */
int office_person_link_check(sqlite3 *db, const char *facility_id, const char *person_id,
                             zj_diag *d);

/* A lead raised by a person (not a model). Strings borrowed; NULL allowed except
 * model_id, subject, source, summary. */
typedef struct office_lead_spec {
    const char *model_id; /* "INSPECT", "COMPLAINT", "TALK", "LETTER", "MANUAL" */
    const char *subject;
    const char *source; /* inspection, complaint, talk, letter, manual */
    const char *person_id;
    const char *facility_id;
    const char *family;
    const char *severity; /* default medium */
    const char *summary;
    const char *basis;
    const char *evidence; /* JSON object text; default {} */
} office_lead_spec;

/* Insert the lead (status open, first_seen = last_seen = as_of, region from the facility)
 * and its lead_history row by actor. Returns 0 and *lead_id, ZJ_EEXIST when
 * (model_id, subject) exists, ZJ_EFORBIDDEN (person-link rule), ZJ_EINVAL, ZJ_EDB. */
int office_lead_add(sqlite3 *db, const office_lead_spec *s, const char *actor, zj_date as_of,
                    long *lead_id, zj_diag *d);

/* Resident office records at facility_id (in scope sc; a person named, in scope too), by
 * author / procurator / actor, audited as "office:log|talks|meetings|letters:<id>". Each
 * returns 0 and the new id, or ZJ_EFORBIDDEN (scope, the person-link rule) / ZJ_EINVAL /
 * ZJ_EDB. kind of a talk: admission, release, routine, discipline, change, other. */
int office_log_add(sqlite3 *db, const zj_scope *sc, const char *facility_id, zj_date day,
                   const char *author, const char *content, long *id, zj_diag *d);
int office_talk_add(sqlite3 *db, const zj_scope *sc, const char *facility_id, const char *person_id,
                    zj_date day, const char *kind, const char *procurator, const char *content,
                    long *id, zj_diag *d);
int office_meeting_add(sqlite3 *db, const zj_scope *sc, const char *facility_id,
                       const char *person_id, zj_date requested, zj_date held,
                       const char *procurator, const char *content, long *id, zj_diag *d);
int office_letter_add(sqlite3 *db, const zj_scope *sc, const char *facility_id,
                      const char *person_id, zj_date received, const char *content,
                      const char *actor, long *id, zj_diag *d);

/* A complaint at intake. Strings borrowed. */
typedef struct office_complaint {
    const char *kind;      /* accusation 控告, report 举报, petition 申诉 */
    const char *channel;   /* letter, visit, phone, online, talk, meeting */
    const char *topic;     /* sentence_length, recidivism, change, custody, community,
                              property, political, other */
    const char *person_id; /* the person the complaint is about (may be NULL) */
    const char *complainant;
    const char *facility_id;
    const char *content;
    zj_date received;
    long letter_id; /* 0 when not from a letter */
} office_complaint;

/* One value of an enum of the office and inspection records: the English id stored and
 * its Chinese label. */
typedef struct {
    const char *id, *label;
} office_name;

/* The label of id among rows[0..n), or NULL when id is NULL or not one of them. */
const char *office_name_find(const office_name *rows, size_t n, const char *id);
/* The label of id among rows; id itself when it is not there ("" when NULL). */
const char *office_name_label(const office_name *rows, size_t n, const char *id);

/* Append the rows of st as a JSON array of objects named by the result columns, each value
 * written by col(out, st, column). Returns the last sqlite3_step result: SQLITE_DONE when
 * every row was read. */
int office_rows_json(sqlite3_stmt *st, strbuf *out,
                     void (*col)(strbuf *out, sqlite3_stmt *st, int col));

bool office_complaint_kind_valid(const char *kind);
const char *office_complaint_kind_label(const char *kind); /* 控告, 举报, 申诉 */
const char *office_topic_label(const char *topic);

/* Intake: stores the complaint (status received, ack_due, deadline; facility the given one
 * — a facility account's own when none is given — or the person's latest custody facility,
 * region the facility's) and its history row; audited "complaint:<id>". A facility outside
 * sc, or none for an account below the country, is ZJ_EFORBIDDEN "a complaint needs a
 * facility in your scope"; so is a person outside sc. */
int office_complaint_add(sqlite3 *db, const zj_scope *sc, const office_complaint *c,
                         const char *actor, long *id, zj_diag *d);
/* Route to a procurator (status routed). ZJ_ENOTFOUND (missing or outside sc),
 * ZJ_ECONFLICT when closed. Audited "complaint:<id>", as are the two below. */
int office_complaint_route(sqlite3 *db, const zj_scope *sc, long id, const char *assignee,
                           const char *actor, zj_diag *d);
/* Record the outcome (status closed) with whether it led to a correction. */
int office_complaint_close(sqlite3 *db, const zj_scope *sc, long id, const char *outcome,
                           bool corrected, zj_date day, const char *actor, zj_diag *d);
/* Raise a lead from a complaint (source complaint) and link it. */
int office_complaint_to_lead(sqlite3 *db, const zj_scope *sc, long id, const char *actor,
                             zj_date as_of, long *lead_id, zj_diag *d);
/* A letter (in scope sc, else ZJ_ENOTFOUND) becomes a complaint (kind/topic given; audited
 * "complaint:<id>") or a lead (audited "lead:<id>"); the letter records which. */
int office_letter_to_complaint(sqlite3 *db, const zj_scope *sc, long letter_id, const char *kind,
                               const char *topic, const char *actor, long *complaint_id,
                               zj_diag *d);
int office_letter_to_lead(sqlite3 *db, const zj_scope *sc, long letter_id, const char *actor,
                          zj_date as_of, long *lead_id, zj_diag *d);

/* The complaints in scope sc (and, when given, whose region starts with region_prefix and
 * of facility_id, which must be in scope: else ZJ_EFORBIDDEN) as a JSON array, with
 * overdue flags at as_of. */
int office_complaints_json(sqlite3 *db, const zj_scope *sc, const char *region_prefix,
                           const char *facility_id, zj_date as_of, strbuf *out, zj_diag *d);
/* One complaint in scope with its history as a JSON object (ZJ_ENOTFOUND). */
int office_complaint_json(sqlite3 *db, const zj_scope *sc, long id, strbuf *out, zj_diag *d);
/* The person a complaint in scope names into buf; false when it names nobody, does not
 * exist or is outside sc. */
bool office_complaint_person(sqlite3 *db, const zj_scope *sc, long id, char *buf, size_t n);
/* The resident office journal of a facility in scope (log, talks, meetings, letters) as
 * JSON; ZJ_EFORBIDDEN for a facility outside sc (or none). */
int office_journal_json(sqlite3 *db, const zj_scope *sc, const char *facility_id, strbuf *out,
                        zj_diag *d);

/* For a complaint about sentence length or recidivism: run the law core for the person
 * and append a JSON object with the recorded figures (judgment term_start / term_end /
 * recidivist flag) beside the computed ones and the differences. ZJ_ENOTFOUND when the
 * complaint (or it outside sc) or the person's judgment is missing; ZJ_EINVAL when as_of
 * is ZJ_DATE_NONE (checked after the scope: the web's invalid as_of). */
int office_complaint_calc_json(sqlite3 *db, const zj_scope *sc, long id, zj_date as_of, strbuf *out,
                               zj_diag *d);

/* The same for a person: a new object {person_id, judgment_id, as_of, recorded,
 * differences, computed} in *out (the caller json_decref's it), computed by the law core on
 * the case the screening builds (law_case_from_timeline). ZJ_ENOTFOUND when the person (or
 * it outside sc) or an effective judgment is missing. */
int office_person_calc_json(sqlite3 *db, const zj_scope *sc, const char *person, zj_date as_of,
                            json_t **out, zj_diag *d);

#endif
