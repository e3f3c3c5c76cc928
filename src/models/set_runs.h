/*
 * set_runs.h — what each set-based model read when it last ran (table model_runs,
 * migration model-runs-1), so that an incremental screening leaves out a model none of
 * whose inputs changed since: its leads would come out the same.
 *
 * A model's inputs: the tables its SQL read (noted by an SQLite authorizer while the model
 * runs), the as-of date and its fingerprint (the program, the model's parameters, a user
 * model's SQL, the law parameters). Every write to a feed table is an import batch
 * (import_batches, one transaction with the rows), so "the table did not change since"
 * is "no batch of that feed wrote a row after the batch the model's snapshot held". A
 * model that reads the leads names the rows it reads (set_runs_leads_digest: DUTY-01's),
 * and a digest of them is one more input; a model that read any other table is never
 * left out. Docs: docs/screening.md "Incremental".
 */
#ifndef ZJ_SET_RUNS_H
#define ZJ_SET_RUNS_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "law/date.h"
#include "models/model.h"

/* The tables one run of a model read. */
typedef struct set_reads {
    char **table; /* feed tables, each once */
    size_t n, alloc;
    bool untracked; /* it read a table that is not a feed */
    bool leads;     /* it read the leads table */
} set_reads;

/* Note in r every table db's statements prepared from now on read, until set_reads_end. */
void set_reads_begin(sqlite3 *db, set_reads *r);
void set_reads_end(sqlite3 *db);
void set_reads_release(set_reads *r);

/* The last import batch db's snapshot holds (0: none). */
long long set_runs_mark(sqlite3 *db);

/* The fingerprint of model m under the law parameters lp (NULL: the defaults) into
 * out[65]; "" when the program cannot be identified (the model is then never left out). */
void set_runs_fingerprint(const model_def *m, const struct law_params *lp, char out[65]);

/* Whether the leads of m, as the last run left them, are those a run now would give: a
 * row of model_runs for m with this as-of date and fingerprint, whose tables no import
 * batch after its mark wrote. */
bool set_runs_unchanged(sqlite3 *db, const char *model_id, zj_date as_of, const char *fp,
                        const char *digest);

/* The model_runs rows as they are now: set_runs_snap_unchanged answers what
 * set_runs_unchanged would, for many models, from one query (NULL when it fails; free
 * it). */
typedef struct set_runs_snap set_runs_snap;
set_runs_snap *set_runs_snap_read(sqlite3 *db);
bool set_runs_snap_unchanged(const set_runs_snap *s, const char *model_id, zj_date as_of,
                             const char *fp, const char *digest);
void set_runs_snap_free(set_runs_snap *s);

/* The digest (hex, into out[65]) of the leads rows model_id reads as of as_of, as db holds
 * them now; "" for a model that names none (then reading the leads keeps it from being left
 * out). */
void set_runs_leads_digest(sqlite3 *db, const char *model_id, zj_date as_of, char out[65]);

/* Whether model_id names leads rows it reads (set_runs_leads_digest digests some). */
bool set_runs_reads_lead_rows(const char *model_id);

/* Whether a lead of lead_model can be among the rows set_runs_leads_digest(model_id)
 * digests: a screening that wrote no such lead (beyond its dates) leaves the digest as it
 * found it. */
bool set_runs_reads_leads_of(const char *model_id, const char *lead_model);

/* Record a finished run of m in the caller's transaction: read (NULL: not known) the
 * tables it read, mark the snapshot's last batch, digest the leads it read (set_runs_leads_
 * digest before it ran, or ""). scoped: the run covered only the
 * persons of temp.screen_scope, so it brings the model up to date only from a state of
 * the same as-of date and fingerprint (the tables read are then kept from that state);
 * from any other state the row is removed. Returns 0 or ZJ_EDB. */
int set_runs_record(sqlite3 *db, const char *model_id, zj_date as_of, const char *fp,
                    long long mark, const set_reads *read, const char *digest, bool scoped);

#endif
