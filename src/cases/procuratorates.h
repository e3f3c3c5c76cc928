/*
 * procuratorates.h — the procuratorates that send the documents (docs/documents.md): full
 * name, short name (the prefix of a document number, 宁玄检), level, region, parent and the
 * reply period it asks of a correction notice; the account's procuratorate; the numbers of
 * documents, per procuratorate, per year and per kind, without gaps; and the rule that a
 * correction of a commutation or parole ruling comes from the procuratorate at the same
 * level as the court (人民检察院刑事诉讼规则第641条).
 */
#ifndef ZJ_PROCURATORATES_H
#define ZJ_PROCURATORATES_H
#include <jansson.h>
#include <sqlite3.h>
#include <stdbool.h>

#include "util/error.h"

#define PROCURATORATE_REPLY_DAYS 15 /* local practice, a parameter per procuratorate */

enum proc_level { PROC_SUPREME, PROC_PROVINCIAL, PROC_MUNICIPAL, PROC_BASIC, PROC_LEVEL_NONE };

typedef struct zj_procuratorate {
    char id[64];
    char name[192]; /* 江苏省南京市玄武区人民检察院; "人民检察院" when unknown */
    char short_name[64]; /* 宁玄检; "" when unknown */
    enum proc_level level;
    char region_code[8];
    char parent_id[64];
    int reply_days;
} zj_procuratorate;

/* The level named by "supreme", "provincial", "municipal" or "basic"; PROC_LEVEL_NONE else. */
enum proc_level proc_level_parse(const char *s);
const char *proc_level_name(enum proc_level l);
/* 最高、省级、市级、基层. */
const char *proc_level_label(enum proc_level l);
/* The level of a region code: XX0000 provincial, XXXX00 municipal, else basic. */
enum proc_level proc_level_of_region(const char *region_code);
/* The level of a court facility from its name (最高/高级/中级人民法院, else basic) or, when
 * the name says nothing, its region code. */
enum proc_level proc_court_level(const char *court_name, const char *region_code);

/* Add a procuratorate. id: 1–63 of [A-Za-z0-9_.-]; name and short_name not empty; region
 * 6 digits; parent must exist when given; reply_days 1..90 (0: the default 15).
 * Returns 0, ZJ_EINVAL (d says which), ZJ_EEXIST, ZJ_EDB. */
int proc_add(sqlite3 *db, const zj_procuratorate *p, zj_diag *d);

/* Change the fields given in in ({"name","short_name","level","region_code","parent_id",
 * "reply_days"}) of procuratorate id. Returns 0, ZJ_EINVAL, ZJ_ENOTFOUND, ZJ_EDB. */
int proc_update(sqlite3 *db, const char *id, json_t *in, zj_diag *d);

/* The procuratorate id into *out. Returns 0, ZJ_ENOTFOUND or ZJ_EDB. */
int proc_get(sqlite3 *db, const char *id, zj_procuratorate *out);

/* All procuratorates [{procuratorate_id, name, short_name, level, level_label, region_code,
 * parent_id, reply_days, accounts}] ordered by region and id. */
json_t *proc_list(sqlite3 *db);

/* Set the procuratorate of the account named account (any case); proc_id NULL clears it.
 * Returns 0, ZJ_ENOTFOUND (no such account or procuratorate), ZJ_EDB. */
int proc_assign_account(sqlite3 *db, const char *account, const char *proc_id);

/* Create a procuratorate for every facility of kind procuratorate that has none yet (same
 * id), with the full name built from the names of the procuratorates above it (江苏省 +
 * 南京市玄武区人民检察院), a short name derived from the names (province abbreviation for
 * a provincial one, e.g. 苏检; the first character of the city and of the county below it,
 * e.g. 苏南检, 南玄检: change them with proc_update), the level from the region code and
 * the parent from the region. Returns the number created or a negative error. */
int proc_seed_from_facilities(sqlite3 *db);

/* The procuratorate that sends a document for actor about a facility in region_code: the
 * actor's account's procuratorate; otherwise the most specific one whose region contains
 * region_code (the county, then its city, then its province). Returns 0 with *out filled,
 * ZJ_ENOTFOUND when there is none (out then holds the generic name "人民检察院", no short
 * name and no id), ZJ_EDB. */
int proc_for_document(sqlite3 *db, const char *actor, const char *region_code,
                      zj_procuratorate *out);

/* Take the next number of kind (纠违, 检建 …) in year for procuratorate id ("" for none):
 * must run inside the caller's transaction, so that a rollback gives the number back.
 * Returns 0 with *seq, or ZJ_EDB. */
int proc_number_take(sqlite3 *db, const char *id, int year, const char *kind, long *seq);

/* The text of a number: short_name + 刑执 + kind + 〔year〕 + seq + 号, e.g.
 * 宁玄检刑执纠违〔2024〕3号; seq 0 leaves the places blank for a draft (宁玄检刑执纠违〔　　〕
 * 号). */
void proc_number_format(const zj_procuratorate *p, const char *kind, int year, long seq, char *buf,
                        size_t n);

/* Whether p may send the correction of a commutation or parole ruling of the court named
 * court_name in court_region: only the procuratorate at the court's level for the court's
 * region (人民检察院刑事诉讼规则第641条; a lower one reports to it). Returns true, or false
 * with the reason in Chinese in reason. */
bool proc_same_level_as_court(const zj_procuratorate *p, const char *court_name,
                              const char *court_region, char *reason, size_t n);

#endif
