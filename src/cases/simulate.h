/*
 * simulate.h — a simulated year of casework on a screened database, for the demo and the
 * report tests: leads taken up as cases with measures and replies, circuit inspections
 * with proposed teams and findings, resident-office talks, meetings and letters, and
 * complaints with outcomes. Deterministic for a given database, as_of and seed.
 */
#ifndef ZJ_SIMULATE_H
#define ZJ_SIMULATE_H
#include <sqlite3.h>
#include <stdint.h>

#include "law/date.h"

/* Simulate the year (as_of - 364 days .. as_of) in one transaction: every record dated in
 * that year, actor 'simulation'. Creates an inspector pool (60) when none exists. Returns
 * the number of records created (≥ 0) or a negative ZJ_E* code (message on stderr).
 * Runs once per database: when a simulation is already there it returns 0 and changes
 * nothing (so a demo can call it on every start). */
int office_simulate_year(sqlite3 *db, zj_date as_of, uint64_t seed);

#endif
