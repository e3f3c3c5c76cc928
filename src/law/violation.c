/*
 * violation.c — the violations of law_figures: adding one (its message cut on a UTF-8
 * boundary, the list capped at LAW_MAX_VIOLATIONS), the article it cites, and the marks of
 * a limit given only as a general standard (rulesets.c).
 */
#include "law/sentence_int.h"

#include <stdarg.h>
#include <stdio.h>

void sent_add_violation(struct law_figures *out, enum law_rule rule, enum law_violation_kind kind,
                        int idx, zj_date limit, int32_t days, const char *fmt, ...)
{
    if (out->n_violations >= LAW_MAX_VIOLATIONS) {
        out->violations_truncated = true;
        return;
    }
    struct law_violation *v = &out->violations[out->n_violations++];
    v->rule = rule;
    v->kind = kind;
    v->change_index = idx;
    v->limit_date = limit;
    v->days = days;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(v->message, sizeof v->message, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof v->message) {
        /* do not leave a cut UTF-8 sequence at the end */
        size_t k = sizeof v->message - 1;
        while (k > 0 && ((unsigned char)v->message[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)v->message[k - 1] & 0x80))
            k--;
        v->message[k] = '\0';
    }
}

/* the article a violation of rule cites under the limit lim (the set's, else the rule's) */
const char *sent_art_of(enum law_rule rule, const char *article)
{
    return article ? article : law_rule_article(rule);
}

/* mark the violations added since n0 as general / citing article */
void sent_tag_since(struct state *s, size_t n0, bool general, const char *article)
{
    for (size_t i = n0; i < s->out->n_violations; i++) {
        s->out->violations[i].general = general;
        if (article)
            s->out->violations[i].article = article;
    }
}

const char *sent_general_text(bool general)
{
    return general ? "，超过一般标准，请核查裁定所述理由" : "";
}
