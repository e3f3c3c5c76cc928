/* accounts.c — accounts, Argon2id passwords, throttling and sessions (see accounts.h). */
#include "cases/accounts.h"
#include "store/stmt.h"
#include "store/store.h"
#include "util/text.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *role, *label;
    bool write, ids, data;
} roles[] = {
    {"resident", "派驻检察官", true, true, false}, {"inspector", "巡回检察官", true, true, false},
    {"analyst", "模型管理", false, false, false},  {"leader", "领导", true, false, false},
    {"admin", "系统管理员", true, false, true},    {"clerk", "数据管理员", false, true, true},
};

static int role_index(const char *role)
{
    for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
        if (!strcmp(roles[i].role, role))
            return (int)i;
    return -1;
}

bool account_role_valid(const char *role)
{
    return role_index(role) >= 0;
}

const char *account_role_label(const char *role)
{
    int i = role_index(role);
    return i >= 0 ? roles[i].label : role;
}

bool account_role_can_write(const char *role)
{
    int i = role_index(role);
    return i >= 0 && roles[i].write;
}

bool account_can_write(const zj_account *a)
{
    return account_role_can_write(a->role);
}

bool account_manages_data(const zj_account *a)
{
    int i = role_index(a->role);
    return i >= 0 && roles[i].data;
}

bool account_sees_id_numbers(const zj_account *a)
{
    int i = role_index(a->role);
    return i >= 0 && roles[i].ids;
}

int account_password_ok(const char *pw, zj_diag *d)
{
    size_t n = pw ? strlen(pw) : 0;
    if (n < ACCOUNT_PASSWORD_MIN) {
        zj_diag_set(d, "password", "password too short (at least %d characters)",
                    ACCOUNT_PASSWORD_MIN);
        return ZJ_EINVAL;
    }
    if (n > ACCOUNT_PASSWORD_MAX) {
        zj_diag_set(d, "password", "password too long (at most %d bytes)", ACCOUNT_PASSWORD_MAX);
        return ZJ_EINVAL;
    }
    if (!utf8_valid(pw, n)) {
        zj_diag_set(d, "password", "password is not valid UTF-8 text");
        return ZJ_EINVAL;
    }
    if (pw[strspn(pw, " \t\r\n\v\f")] == 0) {
        zj_diag_set(d, "password", "password is only white space");
        return ZJ_EINVAL;
    }
    return 0;
}

static int hash_password(const char *pw, char hash[crypto_pwhash_STRBYTES], zj_diag *d)
{
    if (sodium_init() < 0 ||
        crypto_pwhash_str(hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        zj_diag_set(d, "password", "out of memory while hashing the password");
        return ZJ_EIO;
    }
    return 0;
}

int account_add(sqlite3 *db, const char *name, const char *role, const char *scope,
                const char *password, zj_diag *d)
{
    zj_scope sc;
    if (!text_is_plain_name(name)) {
        zj_diag_set(d, "name", "invalid account name '%s' (letters, digits, _ . -)",
                    name ? name : "");
        return ZJ_EINVAL;
    }
    if (!account_role_valid(role)) {
        zj_diag_set(d, "role", "unknown role '%s' (resident, inspector, analyst, leader, admin)",
                    role ? role : "");
        return ZJ_EINVAL;
    }
    if (scope_parse(scope, &sc) != 0) {
        zj_diag_set(d, "scope",
                    "invalid scope '%s' (country, a region code prefix or a facility id)",
                    scope ? scope : "");
        return ZJ_EINVAL;
    }
    int prc = account_password_ok(password, d);
    if (prc)
        return prc;
    char hash[crypto_pwhash_STRBYTES];
    if ((prc = hash_password(password, hash, d)) != 0)
        return prc;
    static const char *kinds[] = {"country", "region", "facility"};
    char now[21];
    sqlite3_stmt *st = store_stmt(db, "INSERT INTO accounts(name, role, scope_kind, scope_value,"
                                      " password_hash, created_at) VALUES (?,?,?,?,?,?)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, role, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, kinds[sc.kind], -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, sc.value, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, store_now(now), -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(st);
    store_stmt_done(st);
    if (r == SQLITE_CONSTRAINT) {
        zj_diag_set(d, "name", "account '%s' already exists (names ignore case)", name);
        return ZJ_EEXIST;
    }
    if (r != SQLITE_DONE) {
        zj_diag_set(d, "", "%s", sqlite3_errmsg(db));
        return ZJ_EDB;
    }
    return 0;
}

static void fill_account(sqlite3_stmt *st, zj_account *a)
{
    /* columns: account_id, name, role, scope_kind, scope_value, must_change */
    memset(a, 0, sizeof *a);
    a->id = sqlite3_column_int64(st, 0);
    snprintf(a->name, sizeof a->name, "%s", store_col(st, 1));
    snprintf(a->role, sizeof a->role, "%s", store_col(st, 2));
    const char *k = store_col(st, 3);
    a->scope.kind = !strcmp(k, "region")     ? SCOPE_REGION
                    : !strcmp(k, "facility") ? SCOPE_FACILITY
                                             : SCOPE_COUNTRY;
    snprintf(a->scope.value, sizeof a->scope.value, "%s", store_col(st, 4));
    a->must_change = sqlite3_column_int(st, 5) != 0;
}

/* A fixed hash verified for unknown names, so timing does not tell which names exist. */
static char dummy[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static void dummy_init(void)
{
    if (sodium_init() < 0 ||
        crypto_pwhash_str(dummy, "x-dummy-password", 16, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        dummy[0] = 0;
}

/* Take one attempt's place in the failure count, atomically: refused (0 rows) while the
 * account is locked or ACCOUNT_MAX_FAILURES attempts are counted; a lock that has expired
 * starts a new count. */
static int reserve_attempt(sqlite3 *db, long id, long now)
{
    sqlite3_stmt *st =
        store_stmt(db, "UPDATE accounts SET"
                       " failed_logins = CASE WHEN locked_until > 0 AND locked_until <= ?2 THEN 1"
                       " ELSE failed_logins + 1 END,"
                       " locked_until = CASE WHEN locked_until <= ?2 THEN 0 ELSE locked_until END"
                       " WHERE account_id = ?1 AND locked_until <= ?2"
                       " AND (failed_logins < ?3 OR locked_until > 0)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, ACCOUNT_MAX_FAILURES);
    int r = sqlite3_step(st);
    store_stmt_done(st);
    if (r != SQLITE_DONE)
        return ZJ_EDB;
    return sqlite3_changes(db) == 1 ? 0 : ZJ_ETHROTTLE;
}

int account_login(sqlite3 *db, const char *name, const char *password, long now, zj_account *out)
{
    pthread_once(&dummy_once, dummy_init);
    if (!dummy[0])
        return ZJ_EIO;
    sqlite3_stmt *st = store_stmt(db, "SELECT account_id, name, role, scope_kind, scope_value,"
                                      " must_change, password_hash, disabled FROM accounts"
                                      " WHERE name = ? COLLATE NOCASE");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_ROW) {
        store_stmt_done(st);
        if (crypto_pwhash_str_verify(dummy, password ? password : "",
                                     password ? strlen(password) : 0) == 0)
            return ZJ_EAUTH; /* cannot happen: nobody knows the dummy password */
        return ZJ_EAUTH;
    }
    zj_account a;
    fill_account(st, &a);
    char hash[crypto_pwhash_STRBYTES];
    snprintf(hash, sizeof hash, "%s", store_col(st, 6));
    int disabled = sqlite3_column_int(st, 7);
    store_stmt_done(st);
    int rc = reserve_attempt(db, a.id, now);
    if (rc)
        return rc;
    bool ok = password && strlen(password) <= ACCOUNT_PASSWORD_MAX &&
              crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    sqlite3_stmt *up;
    if (ok && !disabled) {
        up = store_stmt(db, "UPDATE accounts SET failed_logins = 0, locked_until = 0"
                            " WHERE account_id = ?");
    } else {
        /* the attempt is counted already; the one that reaches the limit sets the lock */
        up = store_stmt(db, "UPDATE accounts SET locked_until = ?2"
                            " WHERE account_id = ?1 AND failed_logins >= ?3 AND locked_until = 0");
        if (up) {
            sqlite3_bind_int64(up, 2, now + ACCOUNT_LOCK_SECONDS);
            sqlite3_bind_int(up, 3, ACCOUNT_MAX_FAILURES);
        }
    }
    if (!up)
        return ZJ_EDB;
    sqlite3_bind_int64(up, 1, a.id);
    int r = sqlite3_step(up);
    store_stmt_done(up);
    if (r != SQLITE_DONE)
        return ZJ_EDB;
    if (!ok || disabled)
        return ZJ_EAUTH;
    *out = a;
    return 0;
}

int account_find(sqlite3 *db, const char *name, long *id)
{
    sqlite3_stmt *st =
        store_stmt(db, "SELECT account_id FROM accounts WHERE name = ? COLLATE NOCASE");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
    int rc = ZJ_ENOTFOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        rc = 0;
    }
    store_stmt_done(st);
    return rc;
}

int account_canonical(sqlite3 *db, const char *name, char *buf, size_t n)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT name FROM accounts WHERE name = ? COLLATE NOCASE");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, name ? name : "", -1, SQLITE_TRANSIENT);
    int rc = ZJ_ENOTFOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(buf, n, "%s", store_col(st, 0));
        rc = 0;
    }
    store_stmt_done(st);
    return rc;
}

/* Run one fixed statement with ?1 = account_id; ZJ_ENOTFOUND when it changed no row. */
static int account_exec(sqlite3 *db, const char *sql, long account_id)
{
    sqlite3_stmt *st = store_stmt(db, sql);
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, account_id);
    int r = sqlite3_step(st);
    store_stmt_done(st);
    if (r != SQLITE_DONE)
        return ZJ_EDB;
    return sqlite3_changes(db) ? 0 : ZJ_ENOTFOUND;
}

int account_set_password(sqlite3 *db, long account_id, const char *password, bool must_change,
                         zj_diag *d)
{
    int rc = account_password_ok(password, d);
    char hash[crypto_pwhash_STRBYTES];
    if (rc || (rc = hash_password(password, hash, d)) != 0)
        return rc;
    sqlite3_stmt *st = store_stmt(db, "UPDATE accounts SET password_hash = ?2, must_change = ?3,"
                                      " failed_logins = 0, locked_until = 0 WHERE account_id = ?1");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_text(st, 2, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, must_change ? 1 : 0);
    int r = sqlite3_step(st);
    store_stmt_done(st);
    sodium_memzero(hash, sizeof hash);
    if (r != SQLITE_DONE)
        return ZJ_EDB;
    if (!sqlite3_changes(db)) {
        zj_diag_set(d, "account", "no account %ld", account_id);
        return ZJ_ENOTFOUND;
    }
    rc = account_exec(db, "DELETE FROM sessions WHERE account_id = ?1", account_id);
    return rc == ZJ_ENOTFOUND ? 0 : rc;
}

int account_change_password(sqlite3 *db, long account_id, const char *old_password,
                            const char *new_password, zj_diag *d)
{
    sqlite3_stmt *st = store_stmt(db, "SELECT password_hash FROM accounts WHERE account_id = ?");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int64(st, 1, account_id);
    char hash[crypto_pwhash_STRBYTES] = "";
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(hash, sizeof hash, "%s", store_col(st, 0));
    store_stmt_done(st);
    if (!hash[0]) {
        zj_diag_set(d, "account", "no account %ld", account_id);
        return ZJ_ENOTFOUND;
    }
    if (!old_password || strlen(old_password) > ACCOUNT_PASSWORD_MAX ||
        crypto_pwhash_str_verify(hash, old_password, strlen(old_password)) != 0) {
        zj_diag_set(d, "old_password", "the current password is wrong");
        return ZJ_EAUTH;
    }
    if (new_password && !strcmp(old_password, new_password)) {
        zj_diag_set(d, "new_password", "the new password must differ from the current one");
        return ZJ_EINVAL;
    }
    return account_set_password(db, account_id, new_password, false, d);
}

int account_unlock(sqlite3 *db, long account_id)
{
    return account_exec(db,
                        "UPDATE accounts SET failed_logins = 0, locked_until = 0"
                        " WHERE account_id = ?1",
                        account_id);
}

int account_set_disabled(sqlite3 *db, long account_id, int disabled)
{
    sqlite3_stmt *st = store_stmt(db, "UPDATE accounts SET disabled = ? WHERE account_id = ?");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_int(st, 1, disabled ? 1 : 0);
    sqlite3_bind_int64(st, 2, account_id);
    int r = sqlite3_step(st);
    store_stmt_done(st);
    if (r != SQLITE_DONE)
        return ZJ_EDB;
    if (sqlite3_changes(db) == 0)
        return ZJ_ENOTFOUND;
    if (disabled) {
        st = store_stmt(db, "DELETE FROM sessions WHERE account_id = ?");
        if (!st)
            return ZJ_EDB;
        sqlite3_bind_int64(st, 1, account_id);
        r = sqlite3_step(st);
        store_stmt_done(st);
    }
    return r == SQLITE_DONE ? 0 : ZJ_EDB;
}

static void token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

static void random_hex(char out[65])
{
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(out, 65, b, sizeof b);
}

int session_create(sqlite3 *db, long account_id, long now, char token[65], char csrf[65])
{
    char th[65];
    random_hex(token);
    random_hex(csrf);
    token_hash(token, th);
    /* one session per account: a new login ends the previous one */
    if (account_exec(db, "DELETE FROM sessions WHERE account_id = ?1", account_id) == ZJ_EDB)
        return ZJ_EDB;
    sqlite3_stmt *st = store_stmt(db, "INSERT INTO sessions(token_hash, account_id, csrf,"
                                      " created_at, expires_at) VALUES (?,?,?,?,?)");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, th, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, account_id);
    sqlite3_bind_text(st, 3, csrf, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, now + SESSION_TTL_SECONDS);
    int r = sqlite3_step(st);
    store_stmt_done(st);
    if (r != SQLITE_DONE)
        return ZJ_EDB;
    /* Housekeeping: drop expired sessions. */
    st = store_stmt(db, "DELETE FROM sessions WHERE expires_at < ?");
    if (st) {
        sqlite3_bind_int64(st, 1, now);
        sqlite3_step(st);
        store_stmt_done(st);
    }
    return 0;
}

int session_lookup(sqlite3 *db, const char *token, long now, zj_account *acc, char csrf[65])
{
    if (!token || strlen(token) != 64)
        return ZJ_EAUTH;
    char th[65];
    token_hash(token, th);
    sqlite3_stmt *st = store_stmt(db, "SELECT a.account_id, a.name, a.role, a.scope_kind,"
                                      " a.scope_value, a.must_change, s.csrf FROM sessions s"
                                      " JOIN accounts a"
                                      " ON a.account_id = s.account_id WHERE s.token_hash = ?"
                                      " AND s.expires_at > ? AND a.disabled = 0");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, th, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, now);
    int rc = ZJ_EAUTH;
    if (sqlite3_step(st) == SQLITE_ROW) {
        fill_account(st, acc);
        snprintf(csrf, 65, "%s", store_col(st, 6));
        rc = 0;
    }
    store_stmt_done(st);
    return rc;
}

int session_delete(sqlite3 *db, const char *token)
{
    if (!token)
        return 0;
    char th[65];
    token_hash(token, th);
    sqlite3_stmt *st = store_stmt(db, "DELETE FROM sessions WHERE token_hash = ?");
    if (!st)
        return ZJ_EDB;
    sqlite3_bind_text(st, 1, th, -1, SQLITE_TRANSIENT);
    int r = sqlite3_step(st);
    store_stmt_done(st);
    return r == SQLITE_DONE ? 0 : ZJ_EDB;
}
