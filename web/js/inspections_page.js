// inspections_page.js — circuit inspections (巡回检察): the plans in scope, a new plan with
// the proposed team (POST /api/inspections/propose shows who and why; the rules of a
// cross inspection are applied by the server), and an inspection's starting list (the
// facility's risk profile and open leads) with the form that records a finding as a lead.
// Kinds and specialities are the server's (GET /api/enums, src/util/office_enums.h).
import { get, post } from './api.js';
import { h, FAMILY, SEVERITY, INSPECTION_KIND, SPECIALITY } from './dom.js';
import { boot, card, field, formData, showError, table } from './office_common.js';
import { regionWithCode } from './regions.js';

const specLabel = (s) => (s || '').split(';').filter(Boolean).map((x) => SPECIALITY[x] || x).join('、');

function teamTable(t) {
  return h('div', {},
    table([
      { t: '检察官', f: (m) => `${m.name}（${m.inspector_id}）${m.leader ? ' · 组长' : ''}` },
      { t: '籍贯地区', f: (m) => regionWithCode(m.home_region) },
      { t: '专长', f: (m) => specLabel(m.specialities) },
      { t: '近一年任务', cls: 'num', f: (m) => m.workload },
      { t: '入选理由', f: (m) => (m.reason.startsWith('speciality:') ? '覆盖专长：' + (SPECIALITY[m.reason.slice(11)] || m.reason.slice(11)) : '工作量最少') },
    ], t.members),
    h('p', { class: 'small muted' },
      `人才库 ${t.pool} 人；排除：同省 ${t.excluded.same_province} 人、两年内检察过该单位 ${t.excluded.recent} 人、同期另有任务 ${t.excluded.busy} 人。`));
}

async function startList(id, box) {
  const s = await get(`/api/inspections/${id}/start`);
  const f = s.facility;
  const form = h('form', { class: 'filters', id: 'finding-form' },
    field('发现问题', h('input', { name: 'summary', required: true, size: 40 })),
    field('涉及人员编号', h('input', { name: 'person_id' })),
    field('领域', h('select', { name: 'family' }, Object.entries(FAMILY).filter(([k]) => k).map(([k, v]) => h('option', { value: k }, v)))),
    field('风险', h('select', { name: 'severity' }, Object.entries(SEVERITY).map(([k, v]) => h('option', { value: k }, v)))),
    h('button', { type: 'submit', class: 'primary' }, '记录为线索'));
  const msg = h('div');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const r = await post(`/api/inspections/${id}/findings`, formData(form));
      msg.replaceChildren(h('p', { class: 'notice ok' }, '已记录为线索 ', h('a', { href: `/#/leads/${r.lead_id}` }, `#${r.lead_id}`)));
      form.reset();
    } catch (e) { showError(msg, e); }
  });
  box.replaceChildren(
    card(`检察起点：${f.name || f.facility_id}（${regionWithCode(f.region_code || '')}）`,
      h('p', { class: 'kv-inline' }, h('span', {}, `在押 ${s.held} 人`), h('span', {}, `未办结线索 ${s.open_leads} 条`),
        h('span', {}, `每百人 ${s.open_per_100}`),
        s.fac01 ? h('span', {}, `FAC-01 风险排名：第 ${s.fac01.rank} 位 / ${s.fac01.ranked}`) : null),
      table([{ t: '领域', f: (r) => FAMILY[r.family] || r.family }, { t: '未办结线索', cls: 'num', f: (r) => r.n }], s.by_family, '没有未办结线索'),
      table([
        { t: '线索', f: (r) => h('a', { href: `/#/leads/${r.lead_id}` }, `#${r.lead_id}`) },
        { t: '模型', f: (r) => r.model_id },
        { t: '风险', f: (r) => SEVERITY[r.severity] || r.severity },
        { t: '摘要', cls: 'wide', f: (r) => r.summary },
      ], s.leads, '没有未办结线索')),
    card('记录发现的问题', form, msg));
}

async function main() {
  const me = await boot();
  const mainEl = document.getElementById('main');
  const [list, facilities] = await Promise.all([get('/api/inspections'), get('/api/facilities')]);
  const detail = h('div', { id: 'inspection-detail' });
  const plans = table([
    { t: '编号', cls: 'num', f: (r) => h('a', { href: '#', onclick: (ev) => { ev.preventDefault(); startList(r.inspection_id, detail).catch((e) => showError(detail, e)); } }, r.inspection_id) },
    { t: '类型', f: (r) => INSPECTION_KIND[r.kind] || r.kind },
    { t: '被检察单位', f: (r) => r.facility_name || r.facility_id },
    { t: '期间', f: (r) => `${r.start_date} — ${r.end_date}` },
    { t: '重点', f: (r) => specLabel(r.focus) },
    { t: '检察组', f: (r) => (r.team || '').replace(/\*/g, '（组长）').split(';').join('、') },
    { t: '发现问题', cls: 'num', f: (r) => r.findings },
  ], list, '暂无巡回检察');

  const fac = facilities.filter((f) => ['prison', 'juvenile_prison', 'detention_center', 'community_corrections'].includes(f.kind));
  const form = h('form', { class: 'filters', id: 'plan-form' },
    field('类型', h('select', { name: 'kind' }, Object.entries(INSPECTION_KIND).map(([k, v]) => h('option', { value: k, selected: k === 'cross' }, v)))),
    field('被检察单位', h('select', { name: 'facility_id' }, fac.map((f) => h('option', { value: f.facility_id }, `${f.name}（${f.facility_id}）`)))),
    field('开始', h('input', { type: 'date', name: 'from', required: true })),
    field('结束', h('input', { type: 'date', name: 'to', required: true })),
    h('fieldset', { class: 'field' }, h('span', {}, '检察重点'),
      Object.entries(SPECIALITY).map(([k, v]) => h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'focus', value: k }), v))),
    h('button', { type: 'button', id: 'propose' }, '推荐检察组'),
    me.can_write ? h('button', { type: 'submit', class: 'primary' }, '保存计划') : null);
  const team = h('div', { id: 'team' });
  form.querySelector('#propose').addEventListener('click', async () => {
    try { team.replaceChildren(teamTable(await post('/api/inspections/propose', formData(form)))); } catch (e) { showError(team, e); }
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const r = await post('/api/inspections', formData(form));
      team.replaceChildren(h('p', { class: 'notice ok' }, `已保存计划 #${r.inspection_id}`), r.team ? teamTable(r.team) : '');
    } catch (e) { showError(team, e); }
  });
  mainEl.replaceChildren(
    h('div', { class: 'page-title' }, h('h1', {}, '巡回检察')),
    card('新建巡回检察计划', form, team),
    card('巡回检察计划', plans),
    detail);
}

main().catch((e) => showError(document.getElementById('main'), e));
