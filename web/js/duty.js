// duty.js — the resident's day on the home page (docs/duty-calendar.md): the checklist of
// the account's facility for today from GET /api/duty — items due and overdue first, then
// those done — and the occurrences and rosters waiting for a check; each row records the
// check with its findings (POST /api/duty/records), and a finding may become a lead.
import { get, post } from './api.js';
import { h } from './dom.js';

const STATE = { overdue: '逾期', due: '今日待办', done: '已完成' };
const ORDER = { overdue: 0, due: 1, done: 2 };

function recordForm(row, facility, refresh) {
  const findings = h('input', { name: 'findings', placeholder: '检察情况 / 发现的问题（无问题可空）', size: 28 });
  const lead = h('input', { type: 'checkbox', name: 'lead' });
  const person = h('input', { name: 'person_id', placeholder: '涉及人员编号', size: 10 });
  const msg = h('span', { class: 'duty-msg' });
  const form = h('form', { class: 'duty-form', 'data-item': row.item_id },
    findings, h('label', { class: 'duty-lead' }, lead, '转为线索'), person,
    h('button', { type: 'submit', class: 'primary' }, '登记'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { item_id: row.item_id, facility_id: facility, findings: findings.value, lead: lead.checked };
    if (person.value) body.person_id = person.value;
    if (row.kind === 'event') body.event_id = row.ref;
    if (row.kind === 'batch') body.roster_batch = row.ref;
    try {
      const r = await post('/api/duty/records', body);
      await refresh(r.lead_id);
    } catch (e) { msg.textContent = e.message; }
  });
  return form;
}

function stateBadge(s, late) {
  return h('span', { class: `badge duty-${s}` }, STATE[s] + (s === 'overdue' ? ` ${late} 天` : ''));
}

export async function dutySection(facility) {
  const box = h('section', { class: 'card', id: 'duty-today' });
  const refresh = async (leadId) => {
    const t = await get('/api/duty?facility=' + encodeURIComponent(facility));
    const items = [...t.items].sort((a, b) => ORDER[a.state] - ORDER[b.state]);
    box.replaceChildren(...[
      h('h2', {}, `今日检察事项（${t.as_of}）`,
        h('span', { class: 'muted' }, ` 待办 ${t.due} 项 · 逾期 ${t.overdue} 项`)),
      leadId ? h('p', { class: 'notice ok' }, '已登记，发现的问题已转为线索 ', h('a', { href: `#/leads/${leadId}` }, `#${leadId}`)) : null,
      t.once.length ? h('table', { class: 'grid', id: 'duty-once' },
        h('thead', {}, h('tr', {}, ['状态', '事项', '情况', '期限', '登记'].map((x) => h('th', {}, x)))),
        h('tbody', {}, t.once.map((o) => h('tr', { class: `duty-row duty-${o.state}`, 'data-item': o.item_id },
          h('td', {}, stateBadge(o.state, o.days_late)), h('td', {}, o.title), h('td', {}, o.description),
          h('td', {}, o.due), h('td', {}, o.state === 'done' ? '—' : recordForm(o, facility, refresh)))))) : null,
      h('table', { class: 'grid', id: 'duty-items' },
        h('thead', {}, h('tr', {}, ['状态', '频次', '事项', '记录要点', '期限', '登记'].map((x) => h('th', {}, x)))),
        h('tbody', {}, items.map((i) => h('tr', { class: `duty-row duty-${i.state}`, 'data-item': i.item_id },
          h('td', {}, stateBadge(i.state, i.days_late)), h('td', {}, i.frequency_label), h('td', {}, i.title),
          h('td', { class: 'small muted' }, i.record_what),
          h('td', {}, i.state === 'done' ? `已于 ${i.last_record} 完成` : i.deadline),
          h('td', {}, i.state === 'done' ? (i.last_findings || '未发现问题') : recordForm(i, facility, refresh)))))),
    ].filter(Boolean));
  };
  await refresh(0);
  return box;
}
