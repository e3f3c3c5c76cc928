/*
 * accounts.h — accounts, roles, passwords and sessions of the web application
 * (spec/workflow.md). Passwords are Argon2id hashes (libsodium crypto_pwhash_str);
 * session tokens and CSRF tokens are 256-bit random hex; the database keeps only the
 * BLAKE2b hash of a session token. After ACCOUNT_MAX_FAILURES wrong passwords in a row an
 * account is locked for ACCOUNT_LOCK_SECONDS (login throttling). Each attempt takes its
 * place in the count in one UPDATE before the password is checked, so parallel guesses
 * cannot pass the limit; a lock that has expired starts a new count. An account has at
 * most one session (a login ends the previous one); names are case-insensitive.
 */
#ifndef ZJ_ACCOUNTS_H
#define ZJ_ACCOUNTS_H
#include <sqlite3.h>
#include <stdbool.h>

#include "cases/scope.h"
#include "util/error.h"

#define ACCOUNT_MAX_FAILURES 5
#define ACCOUNT_LOCK_SECONDS 900
#define SESSION_TTL_SECONDS (8 * 3600)

typedef struct zj_account {
    long id;
    char name[64];
    char role[16]; /* resident, inspector, analyst, leader, admin, clerk */
    zj_scope scope;
    bool must_change; /* an admin reset the password: change it before anything else */
} zj_account;

/* True for the five roles of workflow.md and clerk (数据管理员), who loads the sources. */
bool account_role_valid(const char *role);
/* Chinese label of a role (派驻检察官 …); the role itself when unknown. */
const char *account_role_label(const char *role);
/* Roles that may change leads, cases and measures (all but analyst and clerk). */
bool account_can_write(const zj_account *a);
bool account_role_can_write(const char *role);
/* Roles that load and correct source data (spreadsheets, court documents, rejects, the
 * review of extracted documents): clerk and admin, within their scope. */
bool account_manages_data(const zj_account *a);
/* Roles that see full id_numbers: resident and inspector (they meet the persons), and
 * clerk (who corrects the rows that carry them). */
bool account_sees_id_numbers(const zj_account *a);

#define ACCOUNT_PASSWORD_MIN 8
#define ACCOUNT_PASSWORD_MAX 1024

/* Whether password is acceptable: ACCOUNT_PASSWORD_MIN..MAX bytes of valid UTF-8, not only
 * white space. Returns 0 or ZJ_EINVAL (d says why). */
int account_password_ok(const char *password, zj_diag *d);

/* Create an account. name: 1–63 characters of [A-Za-z0-9_.-], unique regardless of case;
 * password as account_password_ok. Returns 0, ZJ_EINVAL (d says which field), ZJ_EEXIST
 * or ZJ_EDB. */
int account_add(sqlite3 *db, const char *name, const char *role, const char *scope,
                const char *password, zj_diag *d);

/* Check name/password at unix time now (name in any case). Returns 0 and fills *out (with
 * must_change), ZJ_EAUTH (wrong name or password, or disabled), ZJ_ETHROTTLE (locked, the
 * password not even checked) or ZJ_EDB. Records failures. */
int account_login(sqlite3 *db, const char *name, const char *password, long now, zj_account *out);

/* The id of the account named name (any case). ZJ_ENOTFOUND, ZJ_EDB. */
int account_find(sqlite3 *db, const char *name, long *id);

/* The name of the account named name in any case, as it was created ("LEAD" → "lead"), into
 * buf: what audit entries about the account record. 0, ZJ_ENOTFOUND, ZJ_EDB. */
int account_canonical(sqlite3 *db, const char *name, char *buf, size_t n);

/* Set the password of account_id (account_password_ok), clear its lockout and end its
 * sessions; must_change: the account has to change it at its next login (an admin's
 * reset). Returns 0, ZJ_EINVAL, ZJ_ENOTFOUND, ZJ_EIO or ZJ_EDB. */
int account_set_password(sqlite3 *db, long account_id, const char *password, bool must_change,
                         zj_diag *d);

/* Self-service change: old_password must be the current one (ZJ_EAUTH), new_password must
 * differ from it (ZJ_EINVAL); then as account_set_password without must_change. */
int account_change_password(sqlite3 *db, long account_id, const char *old_password,
                            const char *new_password, zj_diag *d);

/* Clear the failed-login count and the lock. ZJ_ENOTFOUND, ZJ_EDB. */
int account_unlock(sqlite3 *db, long account_id);

/* Set disabled (1) or enabled (0); a disabled account loses its sessions. */
int account_set_disabled(sqlite3 *db, long account_id, int disabled);

/* Start a session for account_id, ending any other session of the account: token
 * (cookie value) and csrf are 64 hex chars. */
int session_create(sqlite3 *db, long account_id, long now, char token[65], char csrf[65]);

/* The session of token at now: fills *acc and csrf. ZJ_EAUTH when unknown or expired. */
int session_lookup(sqlite3 *db, const char *token, long now, zj_account *acc, char csrf[65]);

/* End the session of token. */
int session_delete(sqlite3 *db, const char *token);

#endif
