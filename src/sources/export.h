/*
 * export.h — feeds written as a source system would: the rows of a profile's feeds (CSV
 * files of feeds.md in a directory) as a workbook in the profile's layout, with the forms
 * people write varied row by row (dates as date cells, 2018.1.1, 2024年3月5日,
 * 二〇一五年三月二日, 20240305; 15-digit id numbers; 男/女, 是/否, Chinese enum labels;
 * 有期徒刑三年六个月，缓刑五年; 1.5万元; charges joined by ；). Importing the workbook through
 * the same profile gives back the same rows: the test data of `zhijian gen --as-xlsx` and
 * the roundtrip test.
 */
#ifndef ZJ_SOURCES_EXPORT_H
#define ZJ_SOURCES_EXPORT_H
#include <stddef.h>

#include "sources/profile.h"

/* Write out (an .xlsx) from dir/<feed>.csv of p's feeds: one row per row of its last feed,
 * joined with the row of its first feed that shares the profile's join column (the column
 * that targets both), then the rows of the first feed that no row joined (all of them when
 * the last feed has no CSV in dir). Returns the number of rows written, or -1 with err. */
long sources_export(const struct profile *p, const char *dir, const char *out, char *err,
                    size_t errsz);

#endif
