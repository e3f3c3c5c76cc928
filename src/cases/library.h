/*
 * library.h — the case library (典型案例库, docs/case-library.md). A supervision case
 * closed with a correction (status closed, a measure with corrected = 1) can be proposed
 * as a typical case: zhijian drafts it anonymised (cases/anonymise.h) with a title, 基本案情,
 * 检察履职情况 and 典型意义, tagged with the model, the area (监督领域) and the articles;
 * the author (or a leader or admin) edits it and publishes it — publishing refuses a text
 * that still holds an identifying string of the source case. The library is searched with
 * SQLite FTS5 (trigram) over title, summary and tags, and printed as an HTML booklet or a
 * .docx.
 *
 * Visibility: a published typical case is anonymised guidance and is visible to every
 * account; a draft only within the scope of its source case (an object outside it is
 * reported as missing, ZJ_ENOTFOUND). The source case_id is given only to accounts whose
 * scope holds the source case. Every change records typical_case_history and an audit
 * entry in one transaction.
 */
#ifndef ZJ_LIBRARY_H
#define ZJ_LIBRARY_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "cases/accounts.h"
#include "cases/scope.h"
#include "util/error.h"
#include "util/strbuf.h"

#define LIBRARY_TEXT_MAX 65536 /* bytes of one edited field */

typedef struct library_filter {
    const char *q;      /* words separated by spaces; all must match */
    const char *model;  /* model_id */
    const char *area;   /* 监督领域 label, e.g. 变更执行 */
    const char *status; /* published (default), draft, all */
    int page, per;      /* 1-based; per 1..1000 */
} library_filter;

/* The Chinese label of a lead family as a library area (变更执行 …). */
const char *library_area_label(const char *family);

/* The anonymised draft of case_id without storing it: {title, summary, practice,
 * significance, model_id, area, articles, keywords}. No scope check. NULL when the case
 * is missing. */
json_t *library_draft(sqlite3 *db, long case_id);

/* Propose case_id (in scope sc) as a typical case: store its draft (status draft).
 * Returns 0 with *tc_id, ZJ_ENOTFOUND (no such case in scope), ZJ_ECONFLICT (not closed
 * with a correction; d says why in Chinese), ZJ_EEXIST (already proposed; *tc_id = that
 * one), ZJ_EFORBIDDEN (role), ZJ_EDB. */
int library_propose(sqlite3 *db, const zj_account *who, long case_id, long *tc_id, zj_diag *d);

/* A typical case with its texts, tags and history; case_id only when the source case is
 * in scope. NULL when missing or not visible. */
json_t *library_get(sqlite3 *db, const zj_scope *sc, long tc_id);

/* Edit a draft from a JSON object with any of title, summary, practice, significance,
 * articles, keywords (strings). Returns 0, ZJ_EINVAL, ZJ_ENOTFOUND, ZJ_EFORBIDDEN (neither
 * the author nor a leader or admin), ZJ_ECONFLICT (published: withdraw it first), ZJ_EDB. */
int library_update(sqlite3 *db, const zj_account *who, long tc_id, json_t *in, zj_diag *d);

/* Publish a draft (ZJ_ECONFLICT when a text still identifies the source case: d names the
 * field and what was found), or withdraw a published case back to draft. Same role rules
 * as library_update. */
int library_publish(sqlite3 *db, const zj_account *who, long tc_id, zj_diag *d);
int library_withdraw(sqlite3 *db, const zj_account *who, long tc_id, zj_diag *d);

/* Search: {"items": [{tc_id, status, title, excerpt, model_id, area, articles, keywords,
 * created_by, updated_at, published_at}], "total", "page", "per", "more"}; full: the items
 * carry summary, practice and significance instead of excerpt. Ranked by FTS5 when the
 * query has a word of three or more characters, else newest first. NULL on ZJ_EINVAL
 * (bad status) or a database error. */
json_t *library_search(sqlite3 *db, const zj_scope *sc, const library_filter *f, bool full);

/* The booklet (典型案例汇编) of items (library_search full): a complete printable HTML
 * page, or a .docx (one case per page). title NULL: 典型案例汇编. */
void library_booklet_html(json_t *items, const char *title, strbuf *out);
int library_booklet_docx(json_t *items, const char *title, unsigned char **data, size_t *len);

#endif
