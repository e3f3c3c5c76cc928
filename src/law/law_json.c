/*
 * law_json.c — `zhijian calc` request parsing and response building (spec/cli.md), over
 * law.h. Every field is type-checked; optional fields may be absent or null; an error
 * names the field in the dotted/indexed form the request uses.
 */
#include "law/law_json.h"

#include <string.h>

#include "util/xalloc.h"

#define NONE ZJ_DATE_NONE
#define MAX_ITEMS 100000

struct pctx {
    zj_diag *d;
    char path[64];
};

static int fail(struct pctx *p, const char *name, const char *fmt, const char *detail)
{
    char field[160];
    if (name && *name)
        snprintf(field, sizeof field, "%s%s%s", p->path, *p->path ? "." : "", name);
    else
        snprintf(field, sizeof field, "%s", p->path);
    zj_diag_set(p->d, field, fmt, detail ? detail : field);
    return ZJ_EINVAL;
}

/* optional date: absent/null → NONE */
static int get_date(struct pctx *p, json_t *o, const char *name, bool required, zj_date *out)
{
    json_t *v = json_object_get(o, name);
    *out = NONE;
    if (!v || json_is_null(v))
        return required ? fail(p, name, "missing field '%s'", NULL) : 0;
    if (!json_is_string(v))
        return fail(p, name, "'%s' must be a date string YYYY-MM-DD", NULL);
    if (date_parse(json_string_value(v), (unsigned)json_string_length(v), out) < 0)
        return fail(p, name, "invalid date '%s'", json_string_value(v));
    return 0;
}

static int get_int(struct pctx *p, json_t *o, const char *name, bool required, long lo, long hi,
                   int *out)
{
    json_t *v = json_object_get(o, name);
    *out = 0;
    if (!v || json_is_null(v))
        return required ? fail(p, name, "missing field '%s'", NULL) : 0;
    if (!json_is_integer(v))
        return fail(p, name, "'%s' must be an integer", NULL);
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return fail(p, name, "'%s' out of range", NULL);
    *out = (int)x;
    return 0;
}

static int get_bool(struct pctx *p, json_t *o, const char *name, bool *out)
{
    json_t *v = json_object_get(o, name);
    *out = false;
    if (!v || json_is_null(v))
        return 0;
    if (json_is_boolean(v)) {
        *out = json_is_true(v);
        return 0;
    }
    if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1)) {
        *out = json_integer_value(v) == 1;
        return 0;
    }
    return fail(p, name, "'%s' must be true or false", NULL);
}

/* enum by parser fn; absent/null → 0 */
static int get_enum(struct pctx *p, json_t *o, const char *name, bool required,
                    int (*parse)(const char *), int *out)
{
    json_t *v = json_object_get(o, name);
    *out = 0;
    if (!v || json_is_null(v))
        return required ? fail(p, name, "missing field '%s'", NULL) : 0;
    if (!json_is_string(v))
        return fail(p, name, "'%s' must be a string", NULL);
    int x = parse(json_string_value(v));
    if (x <= 0)
        return fail(p, name, "unknown value '%s'", json_string_value(v));
    *out = x;
    return 0;
}

/* charges: array of names or a ';'-separated string */
static int get_charges(struct pctx *p, json_t *o, const char *name, unsigned *cats,
                       struct law_request *r)
{
    json_t *v = json_object_get(o, name);
    *cats = 0;
    if (!v || json_is_null(v))
        return 0;
    int unknown = 0;
    if (json_is_string(v)) {
        *cats = law_charges_category(json_string_value(v), &unknown);
        if (unknown && r && !r->unknown_charges)
            snprintf(r->unknown_charge, sizeof r->unknown_charge, "%s", json_string_value(v));
    } else if (json_is_array(v)) {
        unsigned all = ~0u;
        size_t i, items = 0;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if (!json_is_string(x))
                return fail(p, name, "'%s' must be an array of charge names", NULL);
            bool known;
            unsigned c = law_charge_category(json_string_value(x), &known);
            *cats |= c;
            all &= c;
            items++;
            if (!known) {
                if (r && !r->unknown_charges && !unknown)
                    snprintf(r->unknown_charge, sizeof r->unknown_charge, "%s",
                             json_string_value(x));
                unknown++;
            }
        }
        /* LAW_CAT_NEGLIGENT only when every charge is negligent (law.h) */
        if (!items || !(all & LAW_CAT_NEGLIGENT))
            *cats &= ~(unsigned)LAW_CAT_NEGLIGENT;
    } else {
        return fail(p, name, "'%s' must be an array of charge names", NULL);
    }
    if (r)
        r->unknown_charges += unknown;
    return 0;
}

static int get_flags(struct pctx *p, json_t *o, const char *name, unsigned *flags)
{
    json_t *v = json_object_get(o, name);
    *flags = 0;
    if (!v || json_is_null(v))
        return 0;
    if (json_is_string(v)) {
        int unknown = 0;
        *flags = law_flags_from_list(json_string_value(v), &unknown);
        if (unknown)
            return fail(p, name, "unknown flag in '%s'", json_string_value(v));
        return 0;
    }
    if (!json_is_array(v))
        return fail(p, name, "'%s' must be an array of flags", NULL);
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x)
    {
        if (!json_is_string(x))
            return fail(p, name, "'%s' must be an array of flags", NULL);
        unsigned b = law_flag_from_str(json_string_value(x));
        if (!b)
            return fail(p, name, "unknown flag '%s'", json_string_value(x));
        *flags |= b;
    }
    return 0;
}

static int get_object(struct pctx *p, json_t *o, const char *name, bool required, json_t **out)
{
    json_t *v = json_object_get(o, name);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? fail(p, name, "missing field '%s'", NULL) : 0;
    if (!json_is_object(v))
        return fail(p, name, "'%s' must be an object", NULL);
    *out = v;
    return 0;
}

static int get_array(struct pctx *p, json_t *o, const char *name, json_t **out)
{
    json_t *v = json_object_get(o, name);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_array(v))
        return fail(p, name, "'%s' must be an array", NULL);
    if (json_array_size(v) > MAX_ITEMS)
        return fail(p, name, "'%s' has too many items", NULL);
    *out = v;
    return 0;
}

static bool termed(int penalty)
{
    return penalty == LAW_SURVEILLANCE || penalty == LAW_CRIMINAL_DETENTION ||
           penalty == LAW_FIXED_TERM;
}

static int parse_judgment(struct pctx *p, json_t *o, struct law_request *r)
{
    struct law_judgment *j = &r->c.judgment;
    int pen = 0;
    snprintf(p->path, sizeof p->path, "judgment");
    if (get_enum(p, o, "penalty", true, law_penalty_from_str, &pen) < 0 ||
        get_int(p, o, "term_months", termed(pen), 0, 1200, &j->term_months) < 0 ||
        get_int(p, o, "term_days", false, 0, 1000, &j->term_days) < 0 ||
        get_int(p, o, "probation_months", false, 0, 1200, &j->probation_months) < 0 ||
        get_date(p, o, "offense_date", false, &j->offense_date) < 0 ||
        get_date(p, o, "effective_date", true, &j->effective_date) < 0 ||
        get_date(p, o, "notice_date", false, &j->notice_date) < 0 ||
        get_charges(p, o, "charges", &j->charge_cats, r) < 0 ||
        get_flags(p, o, "flags", &j->flags) < 0 ||
        get_bool(p, o, "recidivist", &j->recidivist) < 0 ||
        get_bool(p, o, "limited_commutation", &j->limited_commutation) < 0 ||
        get_int(p, o, "dpr_months", false, 0, 1200, &j->dpr_months) < 0 ||
        get_bool(p, o, "dpr_life", &j->dpr_life) < 0)
        return ZJ_EINVAL;
    j->penalty = (enum law_penalty)pen;
    if (termed(pen) && j->term_months == 0 && j->term_days == 0)
        return fail(p, "term_months", "'%s' must be positive", NULL);
    json_t *nc;
    if (get_object(p, o, "new_crime", false, &nc) < 0)
        return ZJ_EINVAL;
    if (nc) {
        int npen = 0;
        snprintf(p->path, sizeof p->path, "judgment.new_crime");
        if (get_date(p, nc, "effective_date", true, &r->c.new_crime_effective) < 0 ||
            get_enum(p, nc, "penalty", false, law_penalty_from_str, &npen) < 0)
            return ZJ_EINVAL;
        r->c.new_crime_life = npen == LAW_LIFE;
    }
    return 0;
}

/* The i-th item x of the array `name`: the diagnostic path becomes "name[i]"; fails
 * ("'name[i]' must be an object") unless x is an object. */
static int array_item(struct pctx *p, const char *name, size_t i, json_t *x)
{
    snprintf(p->path, sizeof p->path, "%s[%zu]", name, i);
    if (!json_is_object(x))
        return fail(p, "", "'%s' must be an object", NULL);
    return 0;
}

static int parse_events(struct pctx *p, json_t *a, struct law_request *r)
{
    size_t n = json_array_size(a), i;
    json_t *x;
    r->events = xcalloc(n ? n : 1, sizeof *r->events);
    json_array_foreach(a, i, x)
    {
        if (array_item(p, "custody", i, x) < 0)
            return ZJ_EINVAL;
        int t = 0;
        if (get_enum(p, x, "event_type", true, law_event_type_from_str, &t) < 0 ||
            get_date(p, x, "event_date", true, &r->events[i].date) < 0)
            return ZJ_EINVAL;
        r->events[i].type = (enum law_event_type)t;
    }
    r->c.events = r->events;
    r->c.n_events = n;
    return 0;
}

static int parse_changes(struct pctx *p, json_t *a, struct law_request *r)
{
    size_t n = json_array_size(a), i;
    json_t *x;
    r->changes = xcalloc(n ? n : 1, sizeof *r->changes);
    json_array_foreach(a, i, x)
    {
        struct law_change *ch = &r->changes[i];
        if (array_item(p, "changes", i, x) < 0)
            return ZJ_EINVAL;
        int kind = 0, g = 0, np = 0, len = 0;
        json_t *dg;
        if (get_enum(p, x, "kind", true, law_change_kind_from_str, &kind) < 0 ||
            get_date(p, x, "proposal_date", false, &ch->proposal_date) < 0 ||
            get_date(p, x, "decision_date", true, &ch->decision_date) < 0 ||
            get_date(p, x, "effective_date", false, &ch->effective_date) < 0 ||
            get_int(p, x, "reduction_months", false, 0, 600, &ch->reduction_months) < 0 ||
            get_int(p, x, "reduction_days", false, 0, 1000, &ch->reduction_days) < 0 ||
            get_enum(p, x, "grounds", false, law_grounds_from_str, &g) < 0 ||
            get_enum(p, x, "new_penalty", false, law_penalty_from_str, &np) < 0 ||
            get_int(p, x, "new_term_months", false, 0, 1200, &ch->new_term_months) < 0 ||
            get_enum(p, x, "leniency", false, law_leniency_from_str, &len) < 0 ||
            get_int(p, x, "new_dpr_months", false, 0, 1200, &ch->new_dpr_months) < 0 ||
            get_bool(p, x, "unlawful", &ch->unlawful) < 0 ||
            get_object(p, x, "diagnosis", false, &dg) < 0)
            return ZJ_EINVAL;
        ch->kind = (enum law_change_kind)kind;
        ch->grounds = (enum law_grounds)g;
        ch->new_penalty = (enum law_penalty)np;
        ch->leniency = (enum law_leniency)len;
        ch->diagnosis.exam_date = NONE;
        if (dg) {
            snprintf(p->path, sizeof p->path, "changes[%zu].diagnosis", i);
            ch->diagnosis.present = true;
            if (get_date(p, dg, "exam_date", false, &ch->diagnosis.exam_date) < 0 ||
                get_bool(p, dg, "designated_hospital", &ch->diagnosis.designated_hospital) < 0 ||
                get_bool(p, dg, "severe_list_item", &ch->diagnosis.severe_list_item) < 0)
                return ZJ_EINVAL;
        }
    }
    r->c.changes = r->changes;
    r->c.n_changes = n;
    return 0;
}

static int parse_priors(struct pctx *p, json_t *a, struct law_request *r)
{
    size_t n = json_array_size(a), i;
    json_t *x;
    r->priors = xcalloc(n ? n : 1, sizeof *r->priors);
    json_array_foreach(a, i, x)
    {
        struct law_prior *pr = &r->priors[i];
        if (array_item(p, "priors", i, x) < 0)
            return ZJ_EINVAL;
        int pen = 0;
        if (get_enum(p, x, "penalty", true, law_penalty_from_str, &pen) < 0 ||
            get_int(p, x, "term_months", false, 0, 1200, &pr->term_months) < 0 ||
            get_int(p, x, "term_days", false, 0, 1000, &pr->term_days) < 0 ||
            get_int(p, x, "probation_months", false, 0, 1200, &pr->probation_months) < 0 ||
            get_charges(p, x, "charges", &pr->charge_cats, NULL) < 0 ||
            get_date(p, x, "offense_date", false, &pr->offense_date) < 0 ||
            get_date(p, x, "release_date", false, &pr->release_date) < 0 ||
            get_date(p, x, "parole_end", false, &pr->parole_end) < 0)
            return ZJ_EINVAL;
        pr->penalty = (enum law_penalty)pen;
    }
    r->c.priors = r->priors;
    r->c.n_priors = n;
    return 0;
}

int law_request_parse(const char *text, size_t n, struct law_request *req, zj_diag *d)
{
    struct pctx p = {d, ""};
    json_error_t jerr;
    int rc = ZJ_EINVAL;
    memset(req, 0, sizeof *req);
    req->c.birth_date = req->c.as_of = req->c.new_crime_effective = NONE;
    json_t *root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &jerr);
    json_t *o, *a;
    if (!root) {
        zj_diag_set(d, "", "malformed JSON at line %d column %d: %s", jerr.line, jerr.column,
                    jerr.text);
        goto done;
    }
    if (!json_is_object(root)) {
        zj_diag_set(d, "", "the request must be a JSON object");
        goto done;
    }
    if (get_date(&p, root, "as_of", false, &req->c.as_of) < 0 ||
        get_bool(&p, root, "property_unpaid", &req->c.property_unpaid) < 0 ||
        get_object(&p, root, "person", false, &o) < 0)
        goto done;
    if (o) {
        snprintf(p.path, sizeof p.path, "person");
        if (get_date(&p, o, "birth_date", false, &req->c.birth_date) < 0)
            goto done;
        p.path[0] = '\0';
    }
    if (get_object(&p, root, "judgment", true, &o) < 0 || parse_judgment(&p, o, req) < 0)
        goto done;
    p.path[0] = '\0';
    if (get_array(&p, root, "custody", &a) < 0 || (a && parse_events(&p, a, req) < 0))
        goto done;
    p.path[0] = '\0';
    if (get_array(&p, root, "changes", &a) < 0 || (a && parse_changes(&p, a, req) < 0))
        goto done;
    p.path[0] = '\0';
    if (get_array(&p, root, "priors", &a) < 0 || (a && parse_priors(&p, a, req) < 0))
        goto done;
    rc = 0;
done:
    json_decref(root);
    if (rc < 0)
        law_request_release(req);
    return rc;
}

void law_request_release(struct law_request *req)
{
    free(req->events);
    free(req->changes);
    free(req->priors);
    req->events = NULL;
    req->changes = NULL;
    req->priors = NULL;
    req->c.events = NULL;
    req->c.changes = NULL;
    req->c.priors = NULL;
}

static json_t *jdate(zj_date d)
{
    char buf[11];
    /* outside 0001-01-01 … 9999-12-31 (only from absurd input): not a writable date */
    if (d == NONE || d < date_from_ymd(1, 1, 1) || d > date_from_ymd(9999, 12, 31))
        return json_null();
    return json_string(date_format(d, buf));
}

static json_t *jrule(enum law_rule r)
{
    return r == LAW_RULE_NONE ? json_null() : json_string(law_rule_id(r));
}

static json_t *jbasis(law_basis b)
{
    json_t *a = json_array();
    for (int r = 0; r < LAW_RULE_COUNT; r++)
        if (b & LAW_BIT(r))
            json_array_append_new(a, json_string(law_rule_id((enum law_rule)r)));
    return a;
}

/* a limit checked for a change: which, the rule, days, general, the article cited */
static void add_limit(json_t *a, const char *limit, enum law_rule rule, int32_t days, bool general,
                      const char *article)
{
    if (rule == LAW_RULE_NONE)
        return;
    json_t *o = json_object();
    json_object_set_new(o, "limit", json_string(limit));
    json_object_set_new(o, "rule", json_string(law_rule_id(rule)));
    json_object_set_new(o, "days", json_integer(days));
    json_object_set_new(o, "general", json_boolean(general));
    json_object_set_new(o, "article", json_string(article ? article : law_rule_article(rule)));
    json_array_append_new(a, o);
}

/* T-10: which rule set a change was judged by, when it is not today's, and the limits it
 * could not check */
static void add_rule_set_warning(json_t *warn, const struct law_change_figures *cf)
{
    static const struct {
        unsigned bit;
        const char *text;
    } uc[] = {
        {LAW_UC_ALL, "every limit (no SPC provisions held before 1997-11-08)"},
        {LAW_UC_START, "the start time (no figure for this term)"},
        {LAW_UC_INTERVAL, "the interval (no figure for this term)"},
        {LAW_UC_DS, "the 死缓 limits (no figure)"},
        {LAW_UC_SPECIAL, "the stricter limits of special groups (从严掌握, no figure)"},
        {LAW_UC_LATER, "the articles not held (C-13, C-14, P-03, P-06, 死缓 parole)"},
        {LAW_UC_SUPPLEMENT, "the 2019 supplement's limits for 贪污贿赂 by former state "
                            "functionaries (减刑假释补充规定第二至四条, from 2019-06-01)"},
    };
    if (cf->rule_set == LAW_RS_SPC2016 && !cf->unchecked)
        return;
    char msg[600];
    int n = snprintf(msg, sizeof msg, "change %d judged by %s (%s)", cf->change_index,
                     law_rule_set_id(cf->rule_set), law_rule_set_name(cf->rule_set));
    const char *sep = "; not checked: ";
    for (size_t i = 0; i < sizeof uc / sizeof uc[0]; i++) {
        if (!(cf->unchecked & uc[i].bit) || n < 0 || (size_t)n >= sizeof msg)
            continue;
        n += snprintf(msg + n, sizeof msg - (size_t)n, "%s%s", sep, uc[i].text);
        sep = ", ";
    }
    json_array_append_new(warn, json_string(msg));
}

json_t *law_figures_to_json(const struct law_request *r, const struct law_figures *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "as_of", jdate(r->c.as_of));
    json_object_set_new(o, "penalty", json_string(law_penalty_id(f->penalty)));
    json_object_set_new(o, "term_start", jdate(f->term_start));
    json_object_set_new(o, "term_end_original", jdate(f->term_end_original));
    json_object_set_new(o, "term_end", jdate(f->term_end));
    json_object_set_new(o, "credit_days", json_integer(f->credit_days));
    json_object_set_new(o, "custody_start", jdate(f->custody_start));
    json_object_set_new(o, "execution_date", jdate(f->execution_date));
    json_object_set_new(o, "suspension_end", jdate(f->suspension_end));
    json_object_set_new(o, "next_commutation_earliest", jdate(f->next_commutation_earliest));
    json_object_set_new(o, "parole_earliest", jdate(f->parole_earliest));
    json_object_set_new(o, "parole_barred", json_boolean(f->parole_barred));
    json_object_set_new(o, "parole_barred_rule", jrule(f->parole_barred_rule));
    json_object_set_new(o, "min_actual_end", jdate(f->min_actual_end));
    json_object_set_new(o, "recidivist", json_boolean(f->recidivist));
    json_object_set_new(o, "recidivist_rule", jrule(f->recidivist_rule));
    json_object_set_new(o, "dpr_end", jdate(f->dpr_end));
    json_object_set_new(o, "dpr_forever", json_boolean(f->dpr_forever));
    json_object_set_new(o, "parole_date", jdate(f->parole_date));
    json_object_set_new(o, "parole_end", jdate(f->parole_end));
    json_object_set_new(o, "expected_release", jdate(f->expected_release));
    json_object_set_new(o, "escape_days", json_integer(f->escape_days));
    json_object_set_new(o, "strict", json_boolean(f->strict));
    json_object_set_new(o, "violent", json_boolean(f->violent));

    json_t *chs = json_array();
    for (size_t i = 0; i < f->n_changes; i++) {
        const struct law_change_figures *cf = &f->changes[i];
        json_t *c = json_object();
        json_object_set_new(c, "change_index", json_integer(cf->change_index));
        json_object_set_new(c, "kind",
                            json_string(law_change_kind_id(r->c.changes[cf->change_index].kind)));
        json_object_set_new(c, "end_before", jdate(cf->end_before));
        json_object_set_new(c, "end_after", jdate(cf->end_after));
        json_object_set_new(c, "start_earliest", jdate(cf->start_earliest));
        json_object_set_new(c, "start_rule", jrule(cf->start_rule));
        json_object_set_new(c, "interval_earliest", jdate(cf->interval_earliest));
        json_object_set_new(c, "interval_rule", jrule(cf->interval_rule));
        json_object_set_new(c, "proposal_earliest", jdate(cf->proposal_earliest));
        json_object_set_new(c, "days_early", json_integer(cf->days_early));
        json_object_set_new(c, "reduction_days", json_integer(cf->reduction_days));
        json_object_set_new(c, "amount_max_days",
                            cf->amount_max_days < 0 ? json_null()
                                                    : json_integer(cf->amount_max_days));
        json_object_set_new(c, "amount_rule", jrule(cf->amount_rule));
        json_object_set_new(c, "relaxed", json_boolean(cf->relaxed));
        json_object_set_new(c, "major_merit", json_boolean(cf->major_merit));
        json_object_set_new(c, "short_remainder", json_boolean(cf->short_remainder));
        json_object_set_new(c, "parole_earliest", jdate(cf->parole_earliest));
        json_object_set_new(c, "rule_set", json_string(law_rule_set_id(cf->rule_set)));
        json_t *lims = json_array();
        add_limit(lims, "start", cf->start_rule, cf->start_days, cf->start_general,
                  cf->start_article);
        add_limit(lims, "interval", cf->interval_rule, cf->interval_days, cf->interval_general,
                  cf->interval_article);
        add_limit(lims, "amount", cf->amount_rule, cf->amount_max_days, cf->amount_general,
                  cf->amount_article);
        json_object_set_new(c, "limits", lims);
        json_array_append_new(chs, c);
    }
    json_object_set_new(o, "changes", chs);

    json_t *vs = json_array();
    for (size_t i = 0; i < f->n_violations; i++) {
        const struct law_violation *v = &f->violations[i];
        json_t *x = json_object();
        json_object_set_new(x, "rule", json_string(law_rule_id(v->rule)));
        json_object_set_new(x, "change_index",
                            v->change_index < 0 ? json_null() : json_integer(v->change_index));
        char kind[48];
        snprintf(kind, sizeof kind, "%s%s", law_violation_kind_id(v->kind),
                 v->general ? "_general" : "");
        json_object_set_new(x, "kind", json_string(kind));
        json_object_set_new(x, "rule_set", json_string(law_rule_set_id(v->rule_set)));
        json_object_set_new(x, "severity", json_string(v->general ? "medium" : "high"));
        json_object_set_new(x, "limit_date", jdate(v->limit_date));
        json_object_set_new(x, "days", json_integer(v->days));
        json_object_set_new(x, "article",
                            json_string(v->article ? v->article : law_rule_article(v->rule)));
        json_object_set_new(x, "message", json_string(v->message));
        json_array_append_new(vs, x);
    }
    json_object_set_new(o, "violations", vs);
    json_object_set_new(o, "violations_truncated", json_boolean(f->violations_truncated));

    json_t *basis = json_object();
    for (int k = 0; k < LAW_FIG_COUNT; k++)
        if (f->basis[k])
            json_object_set_new(basis, law_figure_key((enum law_figure)k), jbasis(f->basis[k]));
    json_object_set_new(o, "basis", basis);

    json_t *warn = json_array();
    if (r->unknown_charges) {
        char msg[512];
        const char *near[3];
        size_t n = law_charge_suggest(r->unknown_charge, near, 3);
        int len = snprintf(msg, sizeof msg, "unknown charge '%s' (no category)", r->unknown_charge);
        for (size_t i = 0; i < n && len > 0 && (size_t)len < sizeof msg; i++)
            len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s",
                            i ? ", " : "; closest: ", near[i]);
        json_array_append_new(warn, json_string(msg));
    }
    for (size_t i = 0; i < f->n_changes; i++)
        add_rule_set_warning(warn, &f->changes[i]);
    if (f->input_truncated)
        json_array_append_new(warn, json_string("too many events or changes: extra ignored"));
    json_object_set_new(o, "warnings", warn);
    return o;
}
