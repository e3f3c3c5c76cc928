/*
 * audit.h — the append-only audit log (spec/workflow.md): logins, reads of a person's
 * record, exports and changes, chained by hashes. Entry n stores
 *   hash_n = hex(BLAKE2b-256(hash_{n-1} || F(seq) F(at) F(actor) F(action) F(object) F(detail)))
 * with F(x) = decimal byte length of x, ':', x, ',' (hash_version 2, so that no two entries
 * hash alike whatever their fields hold) and hash_0 = 64 zeros; entries written before
 * migration security-1 (hash_version 1) joined the fields with U+001F instead and still
 * verify. Removing or altering an entry breaks the chain at that entry; triggers in
 * schema_web.sql refuse UPDATE and DELETE.
 *
 * Every field is stored as printable text (util/text.h text_clean): controls replaced,
 * invalid UTF-8 as '?', at most AUDIT_*_MAX characters — a failed login's name is
 * unauthenticated input.
 */
#ifndef ZJ_AUDIT_H
#define ZJ_AUDIT_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#define AUDIT_ACTOR_MAX 64
#define AUDIT_ACTION_MAX 32
#define AUDIT_OBJECT_MAX 256
#define AUDIT_DETAIL_MAX 1024

/* The hash of an entry under hash_version 1 or 2 (64 hex digits and NUL into out). */
void audit_entry_hash(int version, const char *prev, long seq, const char *at, const char *actor,
                      const char *action, const char *object, const char *detail, char out[65]);

/* Append one entry (fields cleaned as above). Runs inside the caller's transaction when there is
 * one (so a change and its audit entry commit together), otherwise in its own BEGIN IMMEDIATE.
 * Returns 0 or ZJ_EDB. */
int audit_append(sqlite3 *db, const char *actor, const char *action, const char *object,
                 const char *detail);

/* A change and its audit entry in one transaction, whoever makes it (web or CLI):
 * audit_change_begin opens the transaction; audit_change_end(db, rc, …) appends the
 * entry (action "change") and commits when rc is 0, else rolls back, and returns rc or
 * ZJ_EDB. */
int audit_change_begin(sqlite3 *db);
int audit_change_end(sqlite3 *db, int rc, const char *actor, const char *object,
                     const char *detail);

/* The same for a change that may run inside the caller's transaction (a simulated year,
 * a change made by another change): audit_change_open opens its own transaction (BEGIN
 * IMMEDIATE, so no other writer comes between its reads and its writes) or, inside the
 * caller's, a savepoint, and says which in *own; audit_change_close appends the entry when
 * rc is 0 and ends either (rolled back when rc is not 0). Returns rc or ZJ_EDB. */
int audit_change_open(sqlite3 *db, bool *own);
int audit_change_close(sqlite3 *db, bool own, int rc, const char *actor, const char *object,
                       const char *detail);

/* Walk the chain. Returns 0 when intact (*count = entries), ZJ_ETAMPER with *bad_seq =
 * the first bad entry (or the entry after a removed one) and why[] filled, or ZJ_EDB. */
int audit_verify(sqlite3 *db, long *count, long *bad_seq, char *why, size_t why_n);

/* The last entry: *seq and its hash (hex, NUL-terminated) — the anchor to keep outside
 * the database. Returns 0, ZJ_ENOTFOUND when the log is empty, or ZJ_EDB. */
int audit_head(sqlite3 *db, long *seq, char hash[static 65]);

/* After an intact walk of count entries (audit_verify): the anchor "SEQ:HASH" kept earlier
 * must still name an entry with that hash, otherwise entries were cut off the end (or the
 * chain was rewritten). Returns 0, ZJ_EINVAL for a malformed anchor, or ZJ_ETAMPER with
 * why[] filled. */
int audit_check_anchor(sqlite3 *db, const char *anchor, long count, char *why, size_t why_n);

#endif
