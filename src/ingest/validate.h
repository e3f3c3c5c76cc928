/*
 * validate.h — the value checks of feeds.md "Format" and "Validation": dates and months
 * within bounds, whole numbers, money in yuan (to fen), booleans 0/1, 6-digit region
 * codes, the 18-character resident ID with its GB 11643-1999 check digit, the 统一社会信用代码
 * with its GB 32100-2015 check character, and enum values
 * given as the English identifier or the Chinese label.
 *
 * Each check takes the field text (s, n bytes, not necessarily NUL-terminated) and, on
 * failure, returns -1 and writes a lowercase message naming the bad value in quotes into
 * msg (msz bytes), e.g. "not a real date '2023-02-30' (expected YYYY-MM-DD)". Pure: no
 * I/O, no clock, no allocation.
 */
#ifndef ZJ_INGEST_VALIDATE_H
#define ZJ_INGEST_VALIDATE_H
#include <stddef.h>
#include <stdint.h>

#include "law/date.h"

/* One value of an enum: the English identifier stored in the database and the Chinese
 * label accepted as input (NULL when the feed gives none). Lists end with {NULL, NULL}. */
struct ingest_enum_value {
    const char *id;
    const char *label;
};

/* A date "YYYY-MM-DD" that exists and lies in [lo, hi]; lo_why/hi_why say what the bound
 * is ("1949-10-01", "the as-of date 2025-06-30") for the message. */
int ingest_check_date(const char *s, size_t n, zj_date lo, zj_date hi, const char *lo_why,
                      const char *hi_why, zj_date *out, char *msg, size_t msz);

/* A month "YYYY-MM" that lies within the months of lo and hi. Returns 0 or -1. */
int ingest_check_month(const char *s, size_t n, zj_date lo, zj_date hi, const char *lo_why,
                       const char *hi_why, char *msg, size_t msz);

/* A whole number (optional '-', decimal digits, at most 15 digits). Returns 0 or -1. */
int ingest_parse_int(const char *s, size_t n, long long *out, char *msg, size_t msz);

/* Money in yuan with up to 2 decimals ("1234", "1234.5", "1234.56"), no sign, no
 * thousands separators, converted to fen (分). Returns 0 or -1. */
int ingest_parse_money(const char *s, size_t n, long long *fen, char *msg, size_t msz);

/* A boolean: "0" or "1". Returns 0 or -1. */
int ingest_parse_bool(const char *s, size_t n, int *out, char *msg, size_t msz);

/* A region code: exactly 6 digits. Returns 0 or -1. */
int ingest_check_region(const char *s, size_t n, char *msg, size_t msz);

/* The GB 11643 check character ('0'…'9' or 'X') for the first 17 digits of an ID. */
char ingest_id_check_char(const char *first17);

/* A resident ID number: 17 digits and a check character ('X' or 'x' for 10) that matches
 * GB 11643. Returns 0 or -1. */
int ingest_check_id_number(const char *s, size_t n, char *msg, size_t msz);

/* The GB 32100 check character of a 统一社会信用代码 (unified social credit code) for its
 * first 17 characters, or 0 when one of them is not a code character. */
char ingest_uscc_check_char(const char *first17);

/* A 统一社会信用代码: 18 characters of GB 32100's set (0-9 and capitals without I, O, S,
 * V, Z), positions 3–8 digits (the registering region), and the check character of GB
 * 32100. Returns 0 or -1. */
int ingest_check_uscc(const char *s, size_t n, char *msg, size_t msz);

/* The English identifier of s (given as identifier or Chinese label) in values, or NULL.
 * The returned string is the static one of the table. */
const char *ingest_enum_lookup(const struct ingest_enum_value *values, const char *s, size_t n);

/* Write the list of accepted values ("M (男), F (女)") into buf. */
void ingest_enum_describe(const struct ingest_enum_value *values, char *buf, size_t sz);

/* The length of s (n bytes) clipped to at most max bytes without cutting a UTF-8 sequence:
 * for quoting a value in a message as "%.*s". */
int ingest_clip(const char *s, size_t n, size_t max);

#endif
