/*
 * person_picture.h — the person at a glance (issue 12): one SVG timeline of a person's
 * whole history, drawn from the timeline's intervals (models/intervals.h). Custody by
 * facility, temporary execution outside prison, parole, probation, surveillance,
 * community correction, deprivation of political rights, leaves and restraints are bands
 * (one lane each, told apart by black-and-white patterns and labels, so it prints legibly
 * without colour); the recorded and the computed term ends are ticks on the term bar and
 * commutations are steps down it; activities, incidents (warnings, violations, absconding,
 * escapes) and leads are marks. Weekly check-ins and monthly scores are folded into their
 * period (a count on the band), so hundreds of rows make one picture.
 *
 * Every band and mark has a <title> (what, dates, record id) and data-ref="<record id>";
 * with `record_href` (a printf format with one %s, e.g. "#r-%s") marks and bands link to
 * that anchor; leads link to `lead_href` ("#/leads/%ld"-style, one %ld) when given.
 */
#ifndef ZJ_PERSON_PICTURE_H
#define ZJ_PERSON_PICTURE_H
#include <jansson.h>
#include <sqlite3.h>
#include <stddef.h>

#include "models/timeline.h"
#include "util/strbuf.h"

typedef struct pp_lead {
    long lead_id;
    const char *model_id, *subject, *summary, *status;
    zj_date first_seen;
} pp_lead;

/* Append the SVG (one <svg> element) of tl (computed dates and intervals filled, as by
 * engine_person_load) with its leads. */
void person_picture_svg(strbuf *out, const zj_timeline *tl, const pp_lead *leads, size_t n,
                        const char *record_href, const char *lead_href);

/* The same with the person's custody-safety records (issue 16): safety is an object with
 * the arrays "incidents" (incident_id, incident_date, kind, injury, role, facility_id),
 * "labour" (record_id, facility_id, month, hours, rest_days) and "release_prep"
 * (record_id, kind, event_date) — the keys of the person JSON (workflow.h) — or NULL.
 * They make the lane 监管安全: incidents as crosses (their role and injury in the title),
 * pre-release education and resettlement notices as circles, and the labour months at one
 * facility folded into a band (劳动N个月, the most hours and fewest rest days in its title). */
void person_picture_svg_safety(strbuf *out, const zj_timeline *tl, const pp_lead *leads, size_t n,
                               const json_t *safety, const char *record_href,
                               const char *lead_href);

/* A self-contained HTML page: the picture, then the records behind it (anchors r-<id>). */
void person_picture_html(strbuf *out, const zj_timeline *tl, const pp_lead *leads, size_t n);
void person_picture_html_safety(strbuf *out, const zj_timeline *tl, const pp_lead *leads, size_t n,
                                const json_t *safety);

/* The object person_picture_svg_safety reads, from the database (the person JSON's
 * queries). Returns a new reference, NULL on a database error. */
json_t *person_picture_safety_load(sqlite3 *db, const char *person_id);

/* The date a lead's mark sits on: its subject record's date in the timeline (activity,
 * voter record, change decision, judgment effective date, correction start, restraint
 * start, …), else first_seen. */
zj_date person_picture_lead_date(const zj_timeline *tl, const pp_lead *l);

#endif
