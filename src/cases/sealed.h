/*
 * sealed.h — sealed juvenile records in the platform (law.md J-01, J-03; docs/sealing.md
 * "In the platform"). Whether a person is sealed comes from the law core (J-01, over
 * their judgments); this module is what the platform does with it: the person's identity
 * (name, id_number, birth date) is shown only after a stated purpose, recorded in the
 * audit log; lists and exports mask it and say 已封存.
 */
#ifndef ZJ_SEALED_H
#define ZJ_SEALED_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "law/date.h"
#include "util/error.h"

#define SEALED_LABEL "已封存"
#define SEALED_NAME "（已封存）" /* the name shown for a sealed person without purpose */
#define SEALED_TEXT_MASK "×××"   /* the name inside a text (summary, title, document) */
#define SEALED_PURPOSE_MAX 120   /* bytes */

/* The purposes offered by the UI; any other non-empty text is accepted too. */
extern const char *const sealed_purposes[];

/* Whether person_id's record is sealed on date `on` (J-01: store/sealing.h, computed by the
 * law core). *sealed false for an unknown person. Returns 0 or ZJ_EDB. */
int sealed_check(sqlite3 *db, const char *person_id, zj_date on, bool *sealed);

/* The clock's date (UTC), for callers without an as-of date. */
zj_date sealed_today(void);

/* A stated purpose: 1–SEALED_PURPOSE_MAX bytes of valid UTF-8 without control characters,
 * not only white space. Returns 0 or ZJ_EINVAL (d says why, in Chinese). */
int sealed_purpose_ok(const char *purpose, zj_diag *d);

/* The identity of a person to mask: name, id_number and its masked form. */
typedef struct sealed_ident {
    char person_id[64];
    char name[128];
    char id_number[40];
    char id_masked[40];
} sealed_ident;

/* Load person_id's identity. Returns 0, ZJ_ENOTFOUND or ZJ_EDB. */
int sealed_ident_load(sqlite3 *db, const char *person_id, sealed_ident *out);

/* text with the person's name replaced by SEALED_TEXT_MASK and the id number (full or
 * masked) by SEALED_NAME. Caller frees. */
char *sealed_mask_text(const char *text, const sealed_ident *id);

/* Mask the person in a JSON value in place: members person_name and name that hold the
 * name become SEALED_NAME, id_number and birth_date null, every other string masked as
 * sealed_mask_text; objects that carry person_id of this person get "sealed": true. */
void sealed_mask_json(json_t *j, const sealed_ident *id);

/* A document addressed to another body (documents.h) naming person_id, who is sealed on
 * `on`: every field masked as sealed_mask_text and the body ends with SEALED_DOC_NOTE.
 * Nothing changes for a person who is not sealed. Returns 0 or ZJ_EDB. */
#define SEALED_DOC_NOTE "（该人员的犯罪记录已依法封存，本文书隐去其身份信息。）"
int sealed_document_mask(sqlite3 *db, const char *person_id, zj_date on, json_t *doc);

/* A row of the leads export (LEADS_CSV_COLUMNS cells: model_id, subject, person_id, …,
 * summary, basis, evidence) whose person is sealed on `on`: out[] receives masked copies
 * (person_id and a subject equal to it → 已封存, the name and id number in the texts
 * masked, the person id inside the evidence → 已封存) and true is returned; false (out
 * untouched) when the row's person is not sealed. Free out with sealed_row_free. */
bool sealed_mask_lead_row(sqlite3 *db, zj_date on, const char *const in[], size_t ncells,
                          char *out[]);
void sealed_row_free(char *out[], size_t ncells);

/* A raw source row (an import reject, as read) that names a person sealed on `on` by
 * person_id or id_number in one of its fields: a masked copy (name → ×××, id number →
 * （已封存）, person id → 已封存; caller frees) and pid set to the person. NULL, pid "",
 * when it names nobody sealed or only `shown` (the person the request opened with a
 * purpose, or NULL). The clerk's reject screens show rows through it. */
char *sealed_mask_raw(sqlite3 *db, zj_date on, const char *raw, const char *shown, char pid[64]);

#endif
