/*
 * nat.h — the national tier (docs/national.md): provinces keep their SQLite databases
 * and publish to one national PostgreSQL database whose tables carry a `province` column
 * and are partitioned by it (LIST); a province's partition may instead be a
 * postgres_fdw foreign table on the province's own server (attach). National models
 * (NAT-01…05) run there as SQL; their leads go back to the province on its next publish.
 *
 * The national tables mirror the province's tables of nat_tables[] (columns and types
 * read from the SQLite schema the program carries), minus the columns that stay home.
 */
#ifndef ZJ_NATIONAL_NAT_H
#define ZJ_NATIONAL_NAT_H
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "law/date.h"
#include "util/strbuf.h"

enum nat_tracking {
    NAT_BATCH,  /* feed table: rows with batch_id after the table's watermark changed */
    NAT_OUTBOX, /* workflow table: keys in nat_outbox after the watermark changed */
};

struct nat_table {
    const char *name;
    const char *key; /* key columns, comma-separated */
    enum nat_tracking tracking;
    const char *omit;    /* ';'-separated columns that stay in the province, or NULL */
    const char *indexes; /* ';'-separated column lists indexed on every partition, or NULL */
};

extern const struct nat_table nat_tables[];
extern const size_t nat_n_tables;
const struct nat_table *nat_table_find(const char *name);
bool nat_column_omitted(const struct nat_table *t, const char *column);

/* A province code is two digits of a mainland province (11…65); its Chinese name or NULL. */
const char *nat_province_name(const char *code);
/* The 31 province codes, ','-separated (the default of national init --provinces). */
extern const char nat_all_provinces[];

/* national init: create or bring up to date the national schema on c (migrations
 * recorded in nat.schema_migrations; mirrored tables created, missing columns added),
 * register the provinces of the ','-separated list (partitions, role zj_p<code>, view
 * schema nat_p<code>). 0 or -1 (reason on stderr). */
int nat_init(PGconn *c, const char *provinces);

/* national attach: make every partition of province a postgres_fdw foreign table on the
 * server at url (which holds the same schema, initialised for that province). */
int nat_attach(PGconn *c, const char *province, const char *url);

/* Columns of SQLite table `name` that are published: its columns minus t->omit. */
int nat_columns(sqlite3 *db, const struct nat_table *t, char ***cols, char ***types, size_t *n);
void nat_columns_free(char **cols, char **types, size_t n);

/* Sealed persons (issue 17, 犯罪记录封存): an SQL condition on a persons row aliased `p`
 * that is true for a sealed person, or NULL when the database has no sealing (neither a
 * persons.sealed column nor a sealed(person_id) table). The caller frees it. */
char *nat_sealed_condition(sqlite3 *db);
/* A signature (hex BLAKE2b) of the set of sealed person ids: "" when none. */
int nat_sealed_signature(sqlite3 *db, char out[65]);

struct nat_publish_stats {
    long rows_sent, keys_deleted, tables_changed, leads_received;
    bool full[64];
};

/* publish: send what changed in db since the province's last publish to c, one
 * transaction per table, as role (NULL: zj_p<province>); then take the province's
 * national leads into db. 0 or -1. */
int nat_publish(sqlite3 *db, PGconn *c, const char *province, const char *role, bool verbose,
                struct nat_publish_stats *st);

/* national screen: run NAT-01…05 over the national tables at as_of; leads upserted in
 * nat.national_leads, those no longer raised resolved. Prints counts per model. */
int nat_screen(PGconn *c, zj_date as_of, bool verbose);

/* national check-functions: the law functions ported to PostgreSQL against the
 * program's own (its SQLite functions) on n random inputs each. Prints mismatches. */
int nat_check_functions(PGconn *c, long n, unsigned long long seed);

#define NAT_TEAM_MAX 16

struct nat_inspect_opts {
    zj_date start, end;  /* the round's period, inclusive */
    int prisons;         /* provinces, one prison each (20) */
    int team_size;       /* members per team (5) */
    int recent_months;   /* T2 window (24) */
    int workload_months; /* T5 window (12) */
    const char *focus;   /* ';' or ','-separated specialities every team must cover, or NULL */
    bool save;           /* store the round (nat.cross_rounds / nat.cross_members) */
};

/* national inspect: a round of cross-province inspections (跨省交叉巡回检察) over the
 * national pool of inspectors (nat_inspect.c gives the rules); JSON (or markdown when md)
 * appended to out. 0, or -1 with the reason on stderr (no round satisfies the rules). */
int nat_inspect(PGconn *c, const struct nat_inspect_opts *o, bool md, strbuf *out);

#endif
