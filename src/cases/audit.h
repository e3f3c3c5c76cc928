/*
 * audit.h — the append-only audit log (spec/workflow.md): logins, reads of a person's
 * record, exports and changes, chained by hashes. Entry n stores
 *   hash_n = hex(BLAKE2b-256(hash_{n-1} || seq US at US actor US action US object US detail))
 * (US = U+001F, hash_0 = 64 zeros), so removing or altering an entry breaks the chain
 * at that entry; triggers in schema_web.sql refuse UPDATE and DELETE.
 */
#ifndef ZJ_AUDIT_H
#define ZJ_AUDIT_H
#include <sqlite3.h>
#include <stddef.h>

/* Append one entry. Runs inside the caller's transaction when there is one (so a change
 * and its audit entry commit together), otherwise in its own BEGIN IMMEDIATE.
 * Returns 0 or ZJ_EDB. */
int audit_append(sqlite3 *db, const char *actor, const char *action, const char *object,
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
