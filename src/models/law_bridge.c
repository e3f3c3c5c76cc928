/*
 * law_bridge.c — from a person's timeline to the law core (law/law.h): one law_case per
 * judgment, law_compute() once per judgment, figures kept in tl->figs[] for the models.
 *
 * What goes into the case (law.md §2, §4, §5, §9):
 *   - the judgment's own fields, charge categories (§8) and flags;
 *   - the custody events dated on or after its offense date that do not name another
 *     judgment (earlier periods belong to earlier cases);
 *   - its sentence changes in record order, with the T-01 facts of a medical diagnosis;
 *   - the person's earlier judgments as priors (release = the release event, or the
 *     computed end; parole_end = end of the term when paroled), for;
 *   - C-14: a later intentional judgment of 有期徒刑/无期徒刑 whose offense falls inside
 *     this one's execution (减刑假释规定第21条第1款);
 *   - property_unpaid = false: CHG-08 checks payment at each decision itself (m_changes.c),
 *     so the strict category is not derived from today's payment state.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "law/law.h"
#include "law/law_json.h"
#include "models/timeline.h"
#include "util/xalloc.h"

const tl_change *timeline_change_of(const zj_timeline *tl, size_t ji, int k)
{
    const char *jid = tl->jud[ji].judgment_id;
    int n = 0;
    for (size_t i = 0; i < tl->n_chg; i++) {
        if (!tl->chg[i].judgment_id || strcmp(tl->chg[i].judgment_id, jid))
            continue;
        if (n++ == k)
            return &tl->chg[i];
    }
    return NULL;
}

static int pen(int p)
{
    return p < 0 ? LAW_PENALTY_NONE : p;
}

static void fill_judgment(const tl_judgment *j, unsigned charge_cats, struct law_judgment *lj)
{
    memset(lj, 0, sizeof(*lj));
    lj->penalty = pen(law_penalty_from_str(j->penalty_s));
    lj->term_months = j->term_months > 0 ? j->term_months : 0;
    lj->term_days = j->term_days > 0 ? j->term_days : 0;
    lj->probation_months = j->probation_months > 0 ? j->probation_months : 0;
    lj->offense_date = j->offense_date;
    lj->effective_date = j->effective_date;
    lj->notice_date = j->notice_date;
    lj->charge_cats = charge_cats;
    lj->flags = law_flags_from_list(j->flags, NULL);
    lj->recidivist = j->recidivist == 1;
    lj->limited_commutation = j->limited_commutation == 1;
    lj->dpr_months = j->dpr_months > 0 ? j->dpr_months : 0;
    lj->dpr_life = j->dpr_life == 1;
}

static const tl_medical *find_exam(const zj_timeline *tl, const char *exam_id)
{
    for (size_t i = 0; exam_id && i < tl->n_med; i++)
        if (!strcmp(tl->med[i].exam_id, exam_id))
            return &tl->med[i];
    return NULL;
}

/* A direct-mapped memo of law_charges_category, by the charges text. */
enum { CHARGES_MEMO = 1024 };
struct tl_charges_memo {
    char *text[CHARGES_MEMO];
    unsigned cats[CHARGES_MEMO];
};

static unsigned charges_category(tl_law_scratch *s, const char *charges)
{
    if (!charges)
        return law_charges_category(NULL, NULL);
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)charges; *p; p++)
        h = (h ^ *p) * 16777619u;
    if (!s->memo)
        s->memo = xcalloc(1, sizeof(*s->memo));
    size_t i = h % CHARGES_MEMO;
    if (s->memo->text[i] && !strcmp(s->memo->text[i], charges))
        return s->memo->cats[i];
    free(s->memo->text[i]);
    s->memo->text[i] = xstrdup(charges);
    return s->memo->cats[i] = law_charges_category(charges, NULL);
}

void law_scratch_person(const zj_timeline *tl, tl_law_scratch *s)
{
    XGROW(s->cats, tl->n_jud + 1, s->a_cats);
    for (size_t k = 0; k < tl->n_jud; k++)
        s->cats[k] = charges_category(s, tl->jud[k].charges);
    XGROW(s->ev, tl->n_cus + 1, s->a_ev);
    XGROW(s->ch, tl->n_chg + 1, s->a_ch);
    XGROW(s->pr, tl->n_jud + 1, s->a_pr);
}

void law_scratch_release(tl_law_scratch *s)
{
    free(s->ev);
    free(s->ch);
    free(s->pr);
    free(s->cats);
    for (size_t i = 0; s->memo && i < CHARGES_MEMO; i++)
        free(s->memo->text[i]);
    free(s->memo);
    memset(s, 0, sizeof(*s));
}

int law_case_build(const zj_timeline *tl, size_t ji, tl_law_scratch *s, struct law_case *cp)
{
    memset(cp, 0, sizeof(*cp));
    if (ji >= tl->n_jud)
        return ZJ_EINVAL;
    struct law_custody_event *ev = s->ev;
    struct law_change *ch = s->ch;
    struct law_prior *pr = s->pr;
    size_t n_ev = 0, n_ch = 0;
    const tl_judgment *j = &tl->jud[ji];
    cp->birth_date = tl->birth_date;
    cp->as_of = tl->as_of;
    fill_judgment(j, s->cats[ji], &cp->judgment);
    for (size_t i = 0; i < tl->n_cus; i++) {
        const tl_custody *e = &tl->cus[i];
        if (e->date < j->offense_date)
            continue;
        if (e->judgment_id && strcmp(e->judgment_id, j->judgment_id))
            continue;
        ev[n_ev].type = e->type;
        ev[n_ev].date = e->date;
        n_ev++;
    }
    for (size_t i = 0; i < tl->n_chg; i++) {
        const tl_change *t = &tl->chg[i];
        if (!t->judgment_id || strcmp(t->judgment_id, j->judgment_id))
            continue;
        struct law_change *l = &ch[n_ch++];
        memset(l, 0, sizeof(*l));
        l->kind = t->kind;
        l->proposal_date = t->proposal_date;
        l->decision_date = t->decision_date;
        l->effective_date = t->effective_date;
        l->reduction_months = t->reduction_months > 0 ? t->reduction_months : 0;
        l->reduction_days = t->reduction_days > 0 ? t->reduction_days : 0;
        int g = law_grounds_from_str(t->grounds);
        l->grounds = g > 0 ? g : LAW_GROUNDS_NONE;
        l->new_penalty = pen(law_penalty_from_str(t->new_penalty));
        l->new_term_months = t->new_term_months > 0 ? t->new_term_months : 0;
        int le = law_leniency_from_str(t->leniency);
        l->leniency = le > 0 ? le : LAW_LENIENCY_NONE;
        const tl_medical *m = find_exam(tl, t->exam_id);
        if (m) {
            l->diagnosis.present = true;
            l->diagnosis.exam_date = m->exam_date;
            l->diagnosis.designated_hospital = m->hospital && m->hospital->designated == 1;
            l->diagnosis.severe_list_item = m->severe_list_item != NULL;
        }
    }
    memset(&ch[n_ch], 0, sizeof(ch[n_ch]));
    size_t n_pr = 0;
    for (size_t k = 0; k < ji; k++) {
        const tl_judgment *p = &tl->jud[k];
        if (p->effective_date >= j->offense_date && p->offense_date >= j->offense_date)
            continue;
        struct law_prior *q = &pr[n_pr++];
        memset(q, 0, sizeof(*q));
        q->penalty = p->penalty;
        q->term_months = p->term_months > 0 ? p->term_months : 0;
        q->term_days = p->term_days > 0 ? p->term_days : 0;
        q->probation_months = p->probation_months > 0 ? p->probation_months : 0;
        q->charge_cats = s->cats[k];
        q->offense_date = p->offense_date;
        q->release_date = ZJ_DATE_NONE;
        q->parole_end = ZJ_DATE_NONE;
        if (q->probation_months == 0) {
            for (size_t i = 0; i < tl->n_cus; i++)
                if (tl->cus[i].type == LAW_EV_RELEASE && tl->cus[i].date >= p->effective_date &&
                    (!tl->cus[i].judgment_id || !strcmp(tl->cus[i].judgment_id, p->judgment_id))) {
                    q->release_date = tl->cus[i].date;
                    break;
                }
            const tl_calc *pc = &tl->calc[k];
            if (q->release_date == ZJ_DATE_NONE)
                q->release_date = pc->term_end;
            if (pc->parole_date != ZJ_DATE_NONE) {
                q->parole_end = pc->term_end;
                q->release_date = pc->parole_date;
            }
        }
    }
    cp->events = ev;
    cp->n_events = n_ev;
    cp->changes = ch;
    cp->n_changes = n_ch;
    cp->priors = pr;
    cp->n_priors = n_pr;
    cp->property_unpaid = false;
    cp->new_crime_effective = ZJ_DATE_NONE;
    const tl_calc *jc = &tl->calc[ji];
    zj_date start = jc->execution_date != ZJ_DATE_NONE ? jc->execution_date : jc->custody_start;
    /* C-14, 减刑假释规定第21条第1款: "又故意犯罪，新罪被判处有期徒刑的，自新罪判决确定
     * 之日起三年内不予减刑；新罪被判处无期徒刑的，……四年内不予减刑". Only a new 有期徒刑
     * (3 years) or 无期徒刑 (4 years) bars; a new 拘役, 管制, fine-only or exempt
     * judgment does not, and the first judgment that does bar is taken. The article
     * names the penalty only, so a suspended 有期徒刑 (刑法第72条 "被判处……有期徒刑"
     * 宣告缓刑) still bars. A new 死刑缓期执行 is named by neither sentence of 第1款
     * (its 第2、3款 concern a 死缓 offender's own crime), so it is not a 第21条 bar here. */
    for (size_t k = ji + 1; start != ZJ_DATE_NONE && k < tl->n_jud; k++) {
        const tl_judgment *n = &tl->jud[k];
        if (n->penalty != LAW_FIXED_TERM && n->penalty != LAW_LIFE)
            continue;
        if (n->offense_date >= start &&
            (jc->release_expected == ZJ_DATE_NONE || n->offense_date <= jc->release_expected) &&
            !(s->cats[k] & LAW_CAT_NEGLIGENT)) {
            cp->new_crime_effective = n->effective_date;
            cp->new_crime_life = n->penalty == LAW_LIFE;
            break;
        }
    }
    return 0;
}

int law_case_from_timeline(const zj_timeline *tl, size_t ji, struct law_request *r)
{
    memset(r, 0, sizeof(*r));
    if (ji >= tl->n_jud)
        return ZJ_EINVAL;
    tl_law_scratch s = {0};
    law_scratch_person(tl, &s);
    law_case_build(tl, ji, &s, &r->c);
    /* the request owns the scratch's arrays */
    r->events = s.ev;
    r->changes = s.ch;
    r->priors = s.pr;
    s.ev = NULL;
    s.ch = NULL;
    s.pr = NULL;
    law_scratch_release(&s);
    return 0;
}

void timeline_law(zj_timeline *tl)
{
    XGROW(tl->figs, tl->n_jud, tl->a_figs);
    XGROW(tl->figs_ok, tl->n_jud, tl->a_figs_ok);
    law_scratch_person(tl, &tl->law);
    for (size_t ji = 0; ji < tl->n_jud; ji++) {
        struct law_case c;
        law_case_build(tl, ji, &tl->law, &c);
        tl->figs_ok[ji] = law_compute(tl->params, &c, &tl->figs[ji]) == 0;
    }
}

void timeline_sealing(const zj_timeline *tl, struct law_sealing *out)
{
    struct law_judgment *j = tl->n_jud ? xmalloc(tl->n_jud * sizeof *j) : NULL;
    for (size_t i = 0; i < tl->n_jud; i++)
        fill_judgment(&tl->jud[i], law_charges_category(tl->jud[i].charges, NULL), &j[i]);
    law_record_sealing(j, tl->n_jud, tl->birth_date, out);
    free(j);
}

bool timeline_sealed_on(const zj_timeline *tl, zj_date d)
{
    struct law_sealing s;
    timeline_sealing(tl, &s);
    return law_sealing_on(&s, d);
}
