/*
 * anonymise.h — masking the identity of a supervision case for the case library
 * (docs/case-library.md). The identifying strings of a case are collected from the
 * database: the persons it names (the case's person and every person id found in the
 * lead's evidence: name, id_number, person_id, the case numbers of their judgments), the
 * bodies it names (the case's facility, the recipients of its measures, facility ids in
 * the evidence, the courts, deciders, custody facilities and correction agencies of those
 * persons: name and id) and the staff ids in the evidence (name and id). Each is replaced:
 *   a name        → surname + 某 (张某; a second person of the same surname 张某某, …)
 *   a body's name → 某 + its kind (某监狱, 某看守所, 某中级人民法院, …)
 *   an id number, a case number, a record id → ×××
 * and, in any text, whatever the database does not know is masked by its form:
 *   a date (2024-09-12, 2024年9月12日) → 2024年9月 (kept to the month)
 *   a case number （2019）浙0102刑初1076号 → （××××）×号
 *   a token of letters and digits with at least 4 digits (ids, codes) → ×××; six digits
 *   alone (a region code) → 某地; amounts (digits followed by 元 or a decimal point) stay.
 */
#ifndef ZJ_ANONYMISE_H
#define ZJ_ANONYMISE_H
#include <sqlite3.h>
#include <stddef.h>

enum anon_kind { ANON_NAME, ANON_ID_NUMBER, ANON_CASE_NO, ANON_BODY, ANON_RECORD_ID };

typedef struct anon_term {
    char *from, *to;
    enum anon_kind kind;
} anon_term;

typedef struct anon_map {
    anon_term *t;
    size_t n, cap;
    char person[64]; /* the masked name of the case's own person ("" when none) */
} anon_map;

/* Collect the identifying strings of case case_id (no scope: the caller checked it).
 * Returns 0, ZJ_ENOTFOUND or ZJ_EDB. Release with anon_free. */
int anon_collect(sqlite3 *db, long case_id, anon_map *m);
void anon_free(anon_map *m);

/* Add one term (copied). Terms shorter than two characters are ignored. */
void anon_add(anon_map *m, const char *from, const char *to, enum anon_kind kind);

/* The masked copy of text (caller frees). */
char *anon_text(const anon_map *m, const char *text);

/* The masked form of a body's name by its kind (facilities.kind) and name. Static text. */
const char *anon_body_label(const char *kind, const char *name);

/* The surname of a Chinese name (two characters for the compound surnames 欧阳, 司马 …)
 * into out; "" when name is empty. */
void anon_surname(const char *name, char *out, size_t n);

/* Whether text still identifies: the first identifying string of m found in it, or an id
 * number or case number by form. Returns NULL when clean, else the Chinese label of what
 * was found (姓名, 身份证号码, 案号, 单位名称, 编号) with *what set to the string (borrowed
 * from m, or NULL for a match by form). */
const char *anon_find(const anon_map *m, const char *text, const char **what);

#endif
