// office_page.js — the resident office (派驻检察) and complaints (控告举报申诉): a facility's
// journal (daily log, talks 谈话, meetings 约见, mailbox letters 检察官信箱) with the form that
// records one, a letter turned into a complaint or a lead, and the complaints in scope:
// intake, routing, outcome, a lead, and for sentence length or recidivism the law core's
// figures beside the recorded ones (GET /api/complaints/{id}/calc). The kinds, topics,
// channels and talk kinds are the server's (GET /api/enums, src/util/office_enums.h).
import { get, post } from './api.js';
import { h, COMPLAINT_KIND, COMPLAINT_TOPIC, COMPLAINT_CHANNEL, TALK_KIND } from './dom.js';
import { boot, card, field, formData, showError, table, today } from './office_common.js';

const CSTATUS = { received: '已受理', routed: '已分派', closed: '已办结' };
const RECORD = { log: '工作日志', talks: '谈话', meetings: '约见', letters: '来信' };
const LSTATUS = { received: '待处理', complaint: '已转控告申诉', lead: '已转线索', filed: '已存档' };
const opts = (o, sel) => Object.entries(o).map(([k, v]) => h('option', { value: k, selected: k === sel }, v));

async function journal(fac, box, refresh) {
  const j = await get('/api/office/journal?facility=' + encodeURIComponent(fac));
  const letterAct = (r) => (r.status !== 'received' ? LSTATUS[r.status] || r.status : h('span', {},
    h('button', { class: 'link', onclick: async () => {
      try { await post(`/api/office/letters/${r.letter_id}/complaint`, { kind: 'petition', topic: 'other' }); refresh(); } catch (e) { alert(e.message); }
    } }, '转为控告申诉'), ' ',
    h('button', { class: 'link', onclick: async () => {
      try { await post(`/api/office/letters/${r.letter_id}/lead`, {}); refresh(); } catch (e) { alert(e.message); }
    } }, '转为线索')));
  box.replaceChildren(
    card('检察官信箱来信', table([
      { t: '日期', f: (r) => r.received_date }, { t: '人员', f: (r) => r.person_id || '—' },
      { t: '内容', cls: 'wide', f: (r) => r.content }, { t: '处理', f: letterAct },
    ], j.letters, '暂无来信')),
    card('谈话', table([
      { t: '日期', f: (r) => r.talk_date }, { t: '人员', f: (r) => r.person_id || '—' }, { t: '类型', f: (r) => TALK_KIND[r.kind] || r.kind },
      { t: '内容', cls: 'wide', f: (r) => r.content }, { t: '检察官', f: (r) => r.procurator },
    ], j.talks, '暂无谈话记录')),
    card('约见检察官', table([
      { t: '提出日期', f: (r) => r.requested_date }, { t: '约见日期', f: (r) => r.held_date || '待约见' },
      { t: '人员', f: (r) => r.person_id || '—' }, { t: '内容', cls: 'wide', f: (r) => r.content },
    ], j.meetings, '暂无约见')),
    card('工作日志', table([
      { t: '日期', f: (r) => r.log_date }, { t: '记录人', f: (r) => r.author }, { t: '内容', cls: 'wide', f: (r) => r.content },
    ], j.log, '暂无日志')));
}

function calcView(c) {
  const rec = c.recorded || {}, com = c.computed || {};
  const diffs = Object.fromEntries((c.differences || []).map((d) => [d.field, d]));
  const row = (label, key, recorded, computed) => ({ label, recorded, computed, diff: diffs[key] });
  const rows = [
    row('刑期起日', 'term_start', rec.term_start, com.term_start),
    row('刑期止日（原判）', 'term_end', rec.term_end, com.term_end_original),
    row('刑期止日（减刑后）', '', '—', com.term_end),
    row('累犯', 'recidivist', rec.recidivist == null ? '—' : (rec.recidivist ? '是' : '否'), com.recidivist ? '是' : '否'),
    row('假释最早日期', '', '—', com.parole_earliest || '—'),
    row('下次减刑最早日期', '', '—', com.next_commutation_earliest || '—'),
  ];
  return h('div', { class: 'calc' },
    h('p', {}, `人员 ${c.person_id} · 判决 ${c.judgment_id} · 基准日 ${c.as_of}`),
    table([
      { t: '项目', f: (r) => r.label }, { t: '记录', f: (r) => r.recorded || '—' }, { t: '核算', f: (r) => r.computed || '—' },
      { t: '差异', f: (r) => (r.diff ? h('span', { class: 'calc-diff' }, r.diff.days != null ? `相差 ${r.diff.days} 日` : '不一致') : '') },
    ], rows),
    (com.violations || []).length ? h('ul', {}, com.violations.map((v) => h('li', {}, `${v.rule}：${v.message}`))) : null);
}

async function complaints(box, me) {
  const list = await get('/api/complaints');
  const detail = h('div');
  const act = (r) => h('span', {},
    h('button', { class: 'link', onclick: () => showComplaint(r.complaint_id, detail, me).catch((e) => showError(detail, e)) }, '办理'));
  box.replaceChildren(card('控告、举报、申诉', table([
    { t: '编号', cls: 'num', f: (r) => r.complaint_id }, { t: '种类', f: (r) => COMPLAINT_KIND[r.kind] || r.kind },
    { t: '事项', f: (r) => COMPLAINT_TOPIC[r.topic] || r.topic }, { t: '人员', f: (r) => r.person_id || '—' },
    { t: '受理', f: (r) => r.received_date }, { t: '答复期限', f: (r) => h('span', { class: r.overdue ? 'badge overdue' : '' }, r.deadline + (r.overdue ? ' 已超期' : '')) },
    { t: '状态', f: (r) => CSTATUS[r.status] || r.status }, { t: '', f: act },
  ], list, '暂无控告、举报、申诉')), detail);
}

async function showComplaint(id, box, me) {
  const c = await get(`/api/complaints/${id}`);
  const out = h('div');
  const route = h('form', { class: 'filters' }, field('承办检察官', h('input', { name: 'assignee', required: true })),
    h('button', { type: 'submit' }, '分派'));
  route.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try { await post(`/api/complaints/${id}/route`, formData(route)); await showComplaint(id, box, me); } catch (e) { showError(out, e); }
  });
  const close = h('form', { class: 'filters' }, field('办理结果', h('input', { name: 'outcome', required: true, size: 40 })),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'corrected', value: '1' }), '予以纠正'),
    h('button', { type: 'submit', class: 'primary' }, '办结'));
  close.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = formData(close);
    b.corrected = !!b.corrected;
    try { await post(`/api/complaints/${id}/close`, b); await showComplaint(id, box, me); } catch (e) { showError(out, e); }
  });
  const toLead = h('button', { type: 'button', onclick: async () => {
    try { const r = await post(`/api/complaints/${id}/lead`, {}); out.replaceChildren(h('p', { class: 'notice ok' }, '已转为线索 ', h('a', { href: `/#/leads/${r.lead_id}` }, `#${r.lead_id}`))); } catch (e) { showError(out, e); }
  } }, '转为线索');
  const calc = h('button', { type: 'button', id: 'calc', onclick: async () => {
    try { out.replaceChildren(calcView(await get(`/api/complaints/${id}/calc`))); } catch (e) { showError(out, e); }
  } }, '刑期、累犯核算');
  box.replaceChildren(card(`${COMPLAINT_KIND[c.kind] || c.kind} #${c.complaint_id}：${COMPLAINT_TOPIC[c.topic] || c.topic}`,
    h('p', {}, c.content),
    h('p', { class: 'small muted' }, `受理 ${c.received_date} · 程序性回复期限 ${c.ack_due} · 答复期限 ${c.deadline} · 承办人 ${c.assignee || '未分派'} · ${CSTATUS[c.status] || c.status}${c.outcome ? ' · 结果：' + c.outcome : ''}`),
    me.can_write && c.status !== 'closed' ? [route, close] : null,
    h('div', { class: 'button-row' }, me.can_write ? toLead : null, ['sentence_length', 'recidivism'].includes(c.topic) && c.person_id ? calc : null),
    out,
    h('h3', {}, '办理经过'),
    table([{ t: '时间', f: (r) => r.at }, { t: '经办人', f: (r) => r.actor }, { t: '状态', f: (r) => CSTATUS[r.to_status] || r.to_status }, { t: '说明', f: (r) => r.note || '' }], c.history)));
}

async function main() {
  const me = await boot();
  const mainEl = document.getElementById('main');
  const facilities = (await get('/api/facilities')).filter((f) => ['prison', 'juvenile_prison', 'detention_center'].includes(f.kind));
  const pick = h('select', { id: 'facility' }, facilities.map((f) => h('option', { value: f.facility_id }, `${f.name}（${f.facility_id}）`)));
  const jbox = h('div'), cbox = h('div');
  const refresh = () => journal(pick.value, jbox, refresh).catch((e) => showError(jbox, e));
  pick.addEventListener('change', refresh);

  const rec = h('form', { class: 'filters', id: 'record-form' },
    field('记录类型', h('select', { name: 'what' }, opts(RECORD, 'talks'))),
    field('日期', h('input', { type: 'date', name: 'date', value: today() })),
    field('人员编号', h('input', { name: 'person_id' })),
    field('内容', h('input', { name: 'content', required: true, size: 40 })),
    h('button', { type: 'submit', class: 'primary' }, '记录'));
  rec.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = formData(rec);
    const what = b.what;
    delete b.what;
    b.facility_id = pick.value;
    try { await post(`/api/office/${what}`, b); rec.elements.content.value = ''; refresh(); } catch (e) { showError(jbox, e); }
  });

  const intake = h('form', { class: 'filters', id: 'complaint-form' },
    field('种类', h('select', { name: 'kind' }, opts(COMPLAINT_KIND, 'petition'))),
    field('渠道', h('select', { name: 'channel' }, opts(COMPLAINT_CHANNEL, 'visit'))),
    field('事项', h('select', { name: 'topic' }, opts(COMPLAINT_TOPIC, 'sentence_length'))),
    field('被反映人员编号', h('input', { name: 'person_id' })),
    field('反映人', h('input', { name: 'complainant' })),
    field('受理日期', h('input', { type: 'date', name: 'received_date', value: today() })),
    field('内容', h('input', { name: 'content', required: true, size: 40 })),
    h('button', { type: 'submit', class: 'primary' }, '受理'));
  intake.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const b = formData(intake);
    b.facility_id = pick.value;
    try { await post('/api/complaints', b); intake.elements.content.value = ''; await complaints(cbox, me); } catch (e) { showError(cbox, e); }
  });

  mainEl.replaceChildren(
    h('div', { class: 'page-title' }, h('h1', {}, '派驻检察与控告申诉'), h('div', { class: 'actions' }, field('派驻单位', pick))),
    me.can_write ? card('记录派驻检察工作', rec) : null,
    jbox,
    me.can_write ? card('受理控告、举报、申诉', intake) : null,
    cbox);
  if (facilities.length) refresh();
  await complaints(cbox, me);
}

main().catch((e) => showError(document.getElementById('main'), e));
