/*
 * duty.h — the resident office's duty calendar (派驻检察日常检察事项; docs/duty-calendar.md):
 * the checklist as data (duty_items: what, how often, what to record), what is due and
 * overdue at a facility on a day, each check recorded with its findings (a finding becomes
 * a lead through office_lead_add, the path of inspection findings, with its person-link
 * rule), occurrences that call for a check at once, and the roster of proposed
 * commutations, paroles and temporary executions (提请减刑假释暂予监外执行花名册) screened by
 * the law core before the court rules.
 *
 * Periods and due dates (duty_period, duty_status):
 *   daily    the day itself; due that day.
 *   weekly   Monday to Sunday (a week may straddle two years: 2024-12-30 … 2025-01-05);
 *            due by the Sunday.
 *   monthly  the calendar month; due by its last day.
 *   batch    one check per roster received; due DUTY_ROSTER_DAYS after the day it was
 *            received (人民检察院刑事诉讼规则第635条: the procuratorate's opinion on a
 *            proposal within 10 days of receiving its copy).
 *   event    one check per occurrence; due on the day it happened (立即).
 * A periodic item is done for the current period when it has a record dated in it, due
 * when not, and overdue when the previous period also has no record and the calendar
 * was in use for the whole of it (it began on or after the facility's calendar start, its
 * first record of any item): an office that never used the calendar has nothing overdue.
 */
#ifndef ZJ_DUTY_H
#define ZJ_DUTY_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "cases/scope.h"
#include "law/date.h"
#include "util/error.h"
#include "util/strbuf.h"

#define DUTY_ROSTER_DAYS 10

enum duty_frequency { DUTY_DAILY, DUTY_WEEKLY, DUTY_MONTHLY, DUTY_BATCH, DUTY_EVENT };

/* "daily" … "event" → the enum; -1 when unknown. */
int duty_frequency_parse(const char *s);
const char *duty_frequency_id(enum duty_frequency f);
const char *duty_frequency_label(enum duty_frequency f); /* 每日, 每周, 每月, 每批, 即时 */

/* The period of a periodic frequency (daily, weekly, monthly) containing day d. */
void duty_period(enum duty_frequency f, zj_date d, zj_date *start, zj_date *end);

enum duty_state { DUTY_DONE, DUTY_DUE, DUTY_OVERDUE };
const char *duty_state_id(enum duty_state s); /* done, due, overdue */

/* The state of a periodic item at as_of, given its last record on or before as_of
 * (ZJ_DATE_NONE: none) and the facility's calendar start (ZJ_DATE_NONE: no record at
 * all). *deadline gets the date by which the current check is due (or, when overdue, the
 * end of the missed period); *days_late the days after that end (overdue only, else 0). */
enum duty_state duty_status(enum duty_frequency f, zj_date as_of, zj_date last_record,
                            zj_date calendar_start, zj_date *deadline, int *days_late);
/* The state of a one-off check (batch, event) due on due_date, done or not, at as_of. */
enum duty_state duty_once_status(zj_date due_date, bool done, zj_date as_of, int *days_late);

/* The checklist of facility at as_of as JSON: {"facility_id", "as_of", "calendar_start",
 * "items":[{item_id, title, frequency, frequency_label, record_what, state, deadline,
 * days_late, last_record, period_start, period_end}], "once":[{item_id, title, kind
 * ("event"|"batch"), ref (event_id | roster batch), description, due, state, days_late}],
 * "due": n, "overdue": n}. Items of frequency batch/event appear in "once", one per
 * occurrence or roster without a record (and those recorded on as_of). Checked in this
 * order: a facility named (ZJ_EINVAL), the facility in scope sc (ZJ_EFORBIDDEN; an unknown
 * one is outside too), as_of a date (ZJ_DATE_NONE: ZJ_EINVAL, the web's invalid as_of).
 * Returns 0, one of those or ZJ_EDB. */
int duty_today_json(sqlite3 *db, const zj_scope *sc, const char *facility_id, zj_date as_of,
                    strbuf *out, zj_diag *d);

/* A check done. Strings borrowed; findings may be NULL or "" (nothing wrong). event_id /
 * roster_batch name the occurrence or roster checked (0 otherwise; required for items of
 * frequency event / batch). With make_lead and findings, the finding becomes a lead
 * (model_id 'DUTY-CHECK', source 'resident', subject 'DUTY-<record id>', the item's family,
 * severity default medium) through office_lead_add: the person-link rule applies to
 * person_id. Returns 0 with *record_id (and *lead_id when a lead was made, else 0),
 * ZJ_EINVAL, ZJ_ENOTFOUND (unknown item or event), ZJ_EFORBIDDEN (the facility — or an
 * unknown one — or the person outside the scope sc, or the person-link rule), ZJ_EDB. The record
 * and its audit entry (actor, "duty:<record id>") are written together. */
typedef struct duty_record_spec {
    const char *item_id;
    const char *facility_id;
    zj_date day;
    const char *findings;
    long event_id;
    long roster_batch;
    bool make_lead;
    const char *person_id;
    const char *severity;
} duty_record_spec;
int duty_record_add(sqlite3 *db, const zj_scope *sc, const duty_record_spec *s, const char *actor,
                    long *record_id, long *lead_id, zj_diag *d);

/* An occurrence of an at-once item (frequency event) at a facility in scope sc, with its
 * audit entry ("duty-event:<id>"). Returns 0 and *event_id, or an error as
 * duty_record_add. */
int duty_event_add(sqlite3 *db, const zj_scope *sc, const char *item_id, const char *facility_id,
                   zj_date day, const char *description, const char *person_id, const char *actor,
                   long *event_id, zj_diag *d);

/* The checklist: the active items in order, [{item_id, frequency, title, record_what}],
 * or NULL on a database error. */
json_t *duty_items_json(sqlite3 *db);

/* Screen the proposals of import batch `batch` (0: every proposal not yet screened) of
 * facility_id (NULL: of all facilities) with the law core: each proposal is checked
 * as the change it asks for, judged on its proposal date, against the person's case as
 * the screening builds it (start time CHG-01, interval CHG-02, amount CHG-03, actual term
 * CHG-04, barred CHG-05/CHG-06, parole term CHG-07, property CHG-08, temporary execution
 * CHG-12/CHG-14). Writes proposal_checks with the audit entry of actor ("duty-roster");
 * *n_checked and *n_flagged count proposals. A facility outside scope sc (or none, for
 * an account below the country) is ZJ_EFORBIDDEN. Returns 0, ZJ_EFORBIDDEN or ZJ_EDB. */
int duty_roster_screen(sqlite3 *db, const zj_scope *sc, long batch, const char *facility_id,
                       const char *actor, long *n_checked, long *n_flagged, zj_diag *d);

/* The proposals of a roster (batch > 0; 0: every batch) of facility_id (NULL: of all
 * facilities) with their checks, as a JSON array [{proposal_id, person_id, person_name,
 * kind, proposal_date, roster_no, reduction_months, reduction_days, batch_id, checked,
 * findings:[{rule, kind, model_id, message}]}]. A facility outside scope sc (or none, for
 * an account below the country) is ZJ_EFORBIDDEN. */
int duty_roster_json(sqlite3 *db, const zj_scope *sc, long batch, const char *facility_id,
                     strbuf *out, zj_diag *d);

#endif
