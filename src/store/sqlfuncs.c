/*
 * sqlfuncs.c — the law core registered as SQLite functions, for SQL models and reports.
 * (Filled in by the law-core work: zj_add_months, zj_term_end, zj_parole_earliest, zj_age …)
 */
#include "store/store.h"

int zj_sql_functions_register(sqlite3 *db)
{
    (void)db;
    return 0;
}
