// pages.js — the pages of the UI, one async function each: (main, params, ...pathParts).
import { get, post, qs } from './api.js';
import {
  h, svg, STATUS, SEVERITY, FAMILY, MEASURE, ROLE, PENALTY, CHANGE, CUSTODY, EVIDENCE, LEAD_OPEN,
  label, isDate, fmtValue, badge, table, field, select,
} from './dom.js';
import { state, scopeLabel } from './app.js';
import { regionDatalist, regionLabel, regionWithCode } from './regions.js';
import { proposeSection, modelCases } from './library.js';
import { sealedBadge } from './sealed.js';
import { dutySection } from './duty.js';

const render = (main, ...kids) => main.replaceChildren(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false));
const canWrite = () => state.me && state.me.can_write;
const AUDIT_ACTION = {
  login: '登录', login_failed: '登录失败', login_locked: '登录被锁定', logout: '退出', read_person: '查阅人员信息',
  read_sealed: '查阅封存记录', purpose: '说明查阅事由',
  export: '导出', change: '修改', account: '账户管理',
};
const CASE_ACTION = { open: '立案', measure: '监督措施', close: '办结' };
const link = (href, text) => h('a', { href }, text);
const title = (t, ...right) => h('div', { class: 'page-title' }, h('h1', {}, t), h('div', { class: 'actions' }, right));
const section = (t, ...kids) => h('section', { class: 'card' }, h('h2', {}, t), kids);
const dl = (pairs) => h('dl', { class: 'kv' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));

function daysBadge(days) {
  if (days === undefined || days === null) return '';
  if (days < 0) return h('span', { class: 'badge overdue' }, `已逾期 ${-days} 天`);
  if (days === 0) return h('span', { class: 'badge due' }, '今日到期');
  return h('span', { class: days <= 5 ? 'badge due' : 'badge' }, `剩 ${days} 天`);
}

// ---- overview ----

function bars(rows, keyLabel, hrefOf) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  if (!rows.length) return h('p', { class: 'empty' }, '暂无未办结线索');
  return h('table', { class: 'bars' }, h('tbody', {}, rows.map((r) => h('tr', {},
    h('td', { class: 'bar-label' }, hrefOf ? link(hrefOf(r), keyLabel(r)) : keyLabel(r)),
    h('td', { class: 'bar-cell' }, h('div', { class: 'bar', style: `width:${(100 * r.n / max).toFixed(1)}%` })),
    h('td', { class: 'num' }, r.n)))));
}

function trendChart(trend, asOf) {
  // 12 months ending with the month of as_of
  const [y, m] = asOf.split('-').map(Number);
  const months = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const by = Object.fromEntries(trend.map((t) => [t.month, t]));
  const W = 640, H = 180, P = 28, bw = (W - 2 * P) / 12;
  const max = Math.max(1, ...months.map((mo) => (by[mo] ? by[mo].raised : 0)));
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': '近12个月线索趋势' });
  g.append(svg('line', { x1: P, y1: H - P, x2: W - P, y2: H - P, class: 'axis' }));
  months.forEach((mo, i) => {
    const t = by[mo] || { raised: 0, cases: 0 };
    const x = P + i * bw + 4, hr = (H - 2 * P) * t.raised / max, hc = (H - 2 * P) * (t.cases || 0) / max;
    g.append(svg('rect', { x, y: H - P - hr, width: bw - 8, height: hr, class: 'raised' }, svg('title', {}, `${mo} 新增线索 ${t.raised}`)));
    g.append(svg('rect', { x: x + (bw - 8) / 4, y: H - P - hc, width: (bw - 8) / 2, height: hc, class: 'cased' }, svg('title', {}, `${mo} 成案 ${t.cases || 0}`)));
    if (t.raised) g.append(svg('text', { x: x + (bw - 8) / 2, y: H - P - hr - 4, class: 'val' }, t.raised));
    g.append(svg('text', { x: x + (bw - 8) / 2, y: H - P + 14, class: 'lbl' }, mo.slice(2).replace('-', '.')));
  });
  return h('div', {}, g, h('p', { class: 'legend' }, h('span', { class: 'sw raised' }), '新增线索 ', h('span', { class: 'sw cased' }), '其中已成案'));
}

function dueTable(rows) {
  return table([
    { t: '期限', f: (r) => r.deadline },
    { t: '', f: (r) => daysBadge(r.days_left) },
    { t: '事项', f: (r) => (r.waiting === 'send' ? '应提出' : '待回复') + '：' + (r.kind_label || label(MEASURE, r.kind)) },
    { t: '案件', cls: 'wide', f: (r) => link(`#/cases/${r.case_id}`, r.case_title) },
    { t: '受文单位', f: (r) => r.recipient_name || r.recipient_id || '—' },
    { t: '', f: (r) => link(`#/measures/${r.measure_id}`, '办理') },
  ], rows, '近期没有到期事项');
}

export async function overview(main) {
  const o = await get('/api/overview');
  const t = o.totals || {};
  const sev = Object.fromEntries((o.by_severity || []).map((r) => [r.severity, r.n]));
  render(main, 
    title('工作概览', h('span', { class: 'muted' }, `基准日 ${o.as_of} · 范围：${scopeLabel(state.me.scope)}`)),
    h('div', { class: 'stats' },
      stat('未办结线索', t.open_leads, '#/leads?status=active'),
      stat('其中高风险', sev.high || 0, '#/leads?status=active&severity=high', 'high'),
      stat('办理中案件', t.open_cases, '#/cases?status=open'),
      stat('待整改回复', t.awaiting_reply, '#/due'),
      stat('临近或逾期', o.deadlines.length, '#/due', o.deadlines.some((d) => d.days_left < 0) ? 'high' : '')),
    h('div', { class: 'cols' },
      section('未办结线索（按监督领域）', bars(o.by_family, (r) => label(FAMILY, r.family), (r) => `#/leads?status=active&family=${encodeURIComponent(r.family)}`)),
      section('未办结线索（按单位，前15）', bars(o.by_facility, (r) => r.facility_name || r.facility_id || '—', (r) => `#/leads?status=active&facility=${encodeURIComponent(r.facility_id || '')}`))),
    section('近12个月线索趋势', trendChart(o.trend, o.as_of)),
    section('到期提醒（5日内及已逾期）', dueTable(o.deadlines)));
  const [kind, fac] = String(state.me.scope || '').split(':');
  if (kind === 'facility') {
    const duty = await dutySection(fac);
    main.querySelector('.stats').after(duty);
  }
}

function stat(name, value, href, cls = '') {
  return h('a', { class: `stat ${cls}`, href }, h('div', { class: 'stat-v' }, value ?? 0), h('div', { class: 'stat-n' }, name));
}

// ---- leads ----

export async function leads(main, params) {
  const f = Object.fromEntries(params.entries());
  const [models, facilities, page] = await Promise.all([
    get('/api/models'), get('/api/facilities'), get('/api/leads' + qs(f)),
  ]);
  const modelMap = Object.fromEntries(models.map((m) => [m.model_id, `${m.model_id}（${m.n}）`]));
  const famMap = {};
  for (const m of models) famMap[m.family] = label(FAMILY, m.family);
  const facMap = Object.fromEntries(facilities.map((x) => [x.facility_id, x.name]));
  const form = h('form', { class: 'filters', id: 'lead-filters' },
    field('模型', select('model', modelMap, f.model)),
    field('监督领域', select('family', famMap, f.family)),
    field('单位', select('facility', facMap, f.facility)),
    field('行政区划', h('input', { name: 'region', value: f.region || '', placeholder: '如 3201', size: 7, list: 'region-list' })),
    regionDatalist('region-list'),
    field('状态', select('status', STATUS, f.status)),
    field('风险', select('severity', SEVERITY, f.severity)),
    field('发现日期自', h('input', { name: 'from', type: 'date', value: f.from || '' })),
    field('至', h('input', { name: 'to', type: 'date', value: f.to || '' })),
    h('div', { class: 'filter-buttons' },
      h('button', { type: 'submit', class: 'primary' }, '查询'),
      h('button', { type: 'button', onclick: () => { location.hash = '#/leads'; } }, '重置')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = {};
    for (const [k, v] of new FormData(form).entries()) if (v) q[k] = v;
    location.hash = '#/leads' + qs(q);
  });
  const cur = page.page;
  const pager = h('div', { class: 'pager' },
    h('span', { class: 'muted' }, `共 ${page.capped ? page.total + '+' : page.total} 条 · 第 ${cur} 页`),
    cur > 1 ? link('#/leads' + qs({ ...f, page: cur - 1 }), '上一页') : null,
    page.more ? link('#/leads' + qs({ ...f, page: cur + 1 }), '下一页') : null);
  const exportHref = '/api/leads/export' + qs({ ...f, page: undefined });
  render(main, 
    title('监督线索', h('a', { class: 'button', href: exportHref, download: 'leads.csv' }, '导出 CSV')),
    form,
    h('div', { class: 'card flush' }, table([
      { t: '编号', cls: 'num', f: (r) => link(`#/leads/${r.lead_id}`, r.lead_id) },
      { t: '风险', f: (r) => badge('sev', r.severity, SEVERITY) },
      { t: '模型', f: (r) => h('code', {}, r.model_id) },
      { t: '摘要', cls: 'wide', f: (r) => link(`#/leads/${r.lead_id}`, r.summary) },
      { t: '人员', f: (r) => (r.person_id ? [link(`#/persons/${encodeURIComponent(r.person_id)}`, r.person_name || r.person_id), sealedBadge(r)] : '—') },
      { t: '单位', f: (r) => r.facility_name || r.facility_id || '—' },
      { t: '地区', f: (r) => regionLabel(r.region_code) },
      { t: '发现日期', f: (r) => r.first_seen },
      { t: '状态', f: (r) => badge('st', r.status, STATUS) },
      { t: '承办人', f: (r) => r.assignee || '' },
    ], page.items, '没有符合条件的线索')),
    pager);
}

// Flatten evidence into dated events (the timeline) and other facts.
function flattenEvidence(ev, prefix = '', out = { dates: [], facts: [] }) {
  if (ev === null || typeof ev !== 'object') {
    out.facts.push([prefix || '值', ev]);
    return out;
  }
  for (const [k, v] of Object.entries(ev)) {
    const name = label(EVIDENCE, k);
    const path = prefix ? `${prefix} · ${name}` : name;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (item && typeof item === 'object') flattenEvidence(item, `${path}[${i + 1}]`, out);
        else if (isDate(item)) out.dates.push({ date: item, what: `${path}[${i + 1}]` });
        else out.facts.push([`${path}[${i + 1}]`, fmtValue(k, item)]);
      });
    } else if (v && typeof v === 'object') {
      flattenEvidence(v, path, out);
    } else if (isDate(v)) {
      out.dates.push({ date: v, what: path });
    } else {
      out.facts.push([path, fmtValue(k, v)]);
    }
  }
  return out;
}

function daysBetween(a, b) {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}

function evidenceTimeline(ev) {
  const { dates, facts } = flattenEvidence(ev || {});
  dates.sort((a, b) => a.date.localeCompare(b.date));
  const tl = h('ol', { class: 'timeline', id: 'evidence-timeline' }, dates.map((d, i) => h('li', {},
    h('span', { class: 'tl-date' }, d.date),
    h('span', { class: 'tl-what' }, d.what),
    i > 0 ? h('span', { class: 'tl-gap' }, `距上一节点 ${daysBetween(dates[i - 1].date, d.date)} 天`) : null)));
  return [dates.length ? tl : h('p', { class: 'empty' }, '证据中没有日期'),
    facts.length ? dl(facts) : null];
}

function historyList(rows) {
  return table([
    { t: '时间', f: (r) => r.at.replace('T', ' ').replace('Z', '') },
    { t: '操作人', f: (r) => r.actor },
    { t: '变更', f: (r) => (r.to_status ? `${label(STATUS, r.from_status || '') || '—'} → ${label(STATUS, r.to_status)}` : label(CASE_ACTION, r.action)) },
    { t: '说明', cls: 'wide', f: (r) => r.note || '' },
  ], rows, '暂无记录');
}

export async function lead(main, params, id) {
  const l = await get(`/api/leads/${id}`);
  const articles = h('div', { id: 'lead-articles' }, h('p', { class: 'small muted' }, '正在载入条文…'));
  get('/api/law' + qs({ basis: l.basis })).then((arts) => {
    articles.replaceChildren(...(arts.length ? arts.map((a) => h('div', { class: 'article' },
      h('div', { class: 'article-ref' }, `《${a.law}》`),
      h('p', { class: 'article-text' }, a.text ? a.text.replace(/\n{2,}/g, '\n') : `${a.ref}（条文未载入）`))) : [h('p', { class: 'small muted' }, '依据中没有可识别的条文引用。')]));
  }).catch(() => articles.replaceChildren(h('p', { class: 'small muted' }, '条文暂不可用。')));
  const actions = [];
  const msg = h('p', { class: 'error', id: 'action-error' });
  const act = async (what, body) => {
    msg.textContent = '';
    try {
      const res = await post(`/api/leads/${id}/${what}`, body);
      if (what === 'case' && res.case_id) location.hash = `#/cases/${res.case_id}`;
      else lead(main, params, id);
    } catch (e) { msg.textContent = '操作失败：' + e.message; }
  };
  if (canWrite() && LEAD_OPEN.includes(l.status)) {
    const note = h('textarea', { id: 'action-note', rows: 2, placeholder: '核实情况、排除理由或案件名称' });
    actions.push(section('办理',
      field('说明', note),
      h('div', { class: 'button-row' },
        h('button', { id: 'btn-assign', onclick: () => act('assign', {}) }, '分派给我'),
        h('button', { id: 'btn-verify', onclick: () => act('verify', { note: note.value }) }, '记录核实'),
        h('button', { id: 'btn-dismiss', onclick: () => (note.value.trim() ? act('dismiss', { reason: note.value }) : (msg.textContent = '排除线索须填写理由。')) }, '排除'),
        h('button', { id: 'btn-case', class: 'primary', onclick: () => act('case', { title: note.value.trim() || undefined }) }, '成案')),
      msg));
  }
  render(main, 
    title(`线索 ${l.lead_id}`, sealedBadge(l), badge('sev', l.severity, SEVERITY), badge('st', l.status, STATUS),
      l.case_id ? link(`#/cases/${l.case_id}`, `案件 ${l.case_id}`) : null),
    h('p', { class: 'summary', id: 'lead-summary' }, l.summary),
    h('div', { class: 'cols' },
      section('基本情况', dl([
        ['模型', h('code', {}, l.model_id)], ['监督领域', label(FAMILY, l.family || '')],
        ['监督对象', l.subject],
        ['人员', l.person_id ? link(`#/persons/${encodeURIComponent(l.person_id)}`, `${l.person_name || ''}（${l.person_id}）`) : '—'],
        ['身份证号', l.id_number], ['责任单位', `${l.facility_name || ''}（${l.facility_id || '—'}）`],
        ['行政区划', regionWithCode(l.region_code)], ['首次发现', l.first_seen], ['最近确认', l.last_seen],
        l.resolved_date ? ['数据消除日期', l.resolved_date] : null,
        ['来源', { model: '模型筛查', complaint: '控告举报申诉', inspection: '巡回检察', talk: '谈话', manual: '人工录入', resident: '派驻检察' }[l.source] || l.source], ['承办人', l.assignee], l.verify_note ? ['核实情况', l.verify_note] : null,
        l.dismiss_reason ? ['排除理由', l.dismiss_reason] : null,
      ])),
      section('规则与法律依据', h('p', { class: 'basis', id: 'lead-basis' }, l.basis), articles)),
    section('证据时间线（计算所得日期）', evidenceTimeline(l.evidence)),
    (l.source_documents || []).length ? section('来源文书（经审核入库）', sourceDocs(l.source_documents)) : null,
    actions,
    l.model_id ? modelCases(l.model_id) : null,
    section('办理记录', historyList(l.history || [])));
}

// The court documents rows were confirmed from (文书审核): kind, case number, file, row.
const DOC_KIND = { judgment: '刑事判决书', commutation: '减刑裁定书', parole: '假释裁定书', temp_outside: '暂予监外执行决定书' };
function sourceDocs(docs) {
  return h('ul', { id: 'source-docs' }, docs.map((d) => h('li', {},
    `${DOC_KIND[d.kind] || '文书'} ${d.case_no || ''}（${d.file}，文书编号 ${d.doc_id}）→ ${d.feed === 'judgments' ? '判决' : '刑罚变更'} ${d.record_key}`)));
}

// ---- person ----

const INC_KIND = { fight: '打架斗殴', bullying: '欺压他犯（牢头狱霸）', contraband: '违禁品', drugs: '涉毒', gambling: '赌博',
  escape: '脱逃', escape_attempt: '脱逃未遂', self_harm: '自伤自残', staff_violence: '监管人员殴打体罚虐待', other: '其他' };
const INC_INJURY = { none: '无', slight: '轻微伤', light: '轻伤', serious: '重伤', death: '死亡' };
const INC_ROLE = { aggressor: '施害方', victim: '受害方', participant: '参与者', carrier: '携带者' };
const INC_PREP = { pre_release_education: '出监教育', resettlement_notice: '安置帮教衔接通知' };

// 监管安全: incidents with role and injury, labour months, release preparation.
function custodySafety(p) {
  const inc = p.incidents || [], lab = p.labour || [], prep = p.release_prep || [];
  return h('section', { class: 'card', id: 'custody-safety' }, h('h2', {}, '监管安全'),
    h('h3', {}, '监管安全事件'),
    inc.length ? table([
      { t: '日期', f: (r) => r.incident_date }, { t: '事件', f: (r) => label(INC_KIND, r.kind) },
      { t: '角色', f: (r) => label(INC_ROLE, r.role) }, { t: '伤情', f: (r) => label(INC_INJURY, r.injury || 'none') },
      { t: '场所', f: (r) => r.facility_name || r.facility_id }, { t: '监室', f: (r) => r.cell_id || '—' },
      { t: '立案', f: (r) => r.case_filed_date || '—' }, { t: '移送起诉', f: (r) => r.transferred_date || '—' },
    ], inc) : h('p', { class: 'muted' }, '无'),
    h('h3', {}, '劳动（月）'),
    lab.length ? table([
      { t: '月份', f: (r) => r.month }, { t: '场所', f: (r) => r.facility_id },
      { t: '劳动小时', cls: 'n', f: (r) => String(r.hours) }, { t: '休息日', cls: 'n', f: (r) => String(r.rest_days) },
    ], lab) : h('p', { class: 'muted' }, '无'),
    h('h3', {}, '出监教育与安置帮教衔接'),
    prep.length ? table([
      { t: '日期', f: (r) => r.event_date }, { t: '事项', f: (r) => label(INC_PREP, r.kind) },
      { t: '场所', f: (r) => r.facility_id }, { t: '接收地', f: (r) => r.receiver_region || '—' },
    ], prep) : h('p', { class: 'muted' }, '无'));
}

export async function person(main, params, pid) {
  const p = await get(`/api/persons/${encodeURIComponent(pid)}`);
  const ev = [];
  for (const j of p.judgments) {
    ev.push({ d: j.offense_date, t: '犯罪', x: j.charges });
    ev.push({ d: j.judgment_date, t: '判决', x: `${j.case_no} ${label(PENALTY, j.penalty)}${j.term_months ? ' ' + j.term_months + '个月' : ''}（${j.court_name || j.court_id}）` });
    ev.push({ d: j.effective_date, t: '判决生效', x: j.case_no, ref: j.judgment_id });
  }
  for (const c of p.custody) ev.push({ d: c.event_date, t: label(CUSTODY, c.event_type), x: c.facility_name || c.facility_id, ref: c.event_id });
  for (const c of p.changes) {
    if (c.proposal_date) ev.push({ d: c.proposal_date, t: '提请' + label(CHANGE, c.kind), x: c.grounds || '' });
    ev.push({ d: c.decision_date, t: label(CHANGE, c.kind) + '裁定', x: `${c.reduction_months ? '减' + c.reduction_months + '个月 ' : ''}${c.decider_name || c.decider_id || ''}${c.rule_set_name ? '（适用' + c.rule_set_name + '）' : ''}`, ref: c.change_id });
  }
  for (const c of p.corrections) {
    ev.push({ d: c.order_date, t: '社区矫正决定', x: c.basis, ref: c.cc_id });
    if (c.report_date) ev.push({ d: c.report_date, t: '社区矫正报到', x: c.agency_id });
  }
  for (const i of p.incidents || []) ev.push({ d: i.incident_date, t: '监管安全事件', x: `${label(INC_KIND, i.kind)}（${label(INC_ROLE, i.role)}）`, ref: i.incident_id });
  for (const r of p.release_prep || []) ev.push({ d: r.event_date, t: label(INC_PREP, r.kind), x: r.facility_id, ref: r.record_id });
  for (const l of p.leads) ev.push({ d: l.first_seen, t: '监督线索', x: link(`#/leads/${l.lead_id}`, `${l.model_id} ${l.summary}`), lead: true, ref: 'lead-' + l.lead_id });
  ev.sort((a, b) => (a.d || '').localeCompare(b.d || ''));
  render(main, 
    title(`${p.name}（${p.person_id}）`, sealedBadge(p)),
    section('人员信息', dl([['姓名', p.name], ['性别', p.gender === 'M' ? '男' : p.gender === 'F' ? '女' : p.gender],
      ['出生日期', p.birth_date], ['身份证号', h('span', { id: 'person-id-number' }, p.id_number)]])),
    section('履历全图', h('div', { class: 'person-picture', id: 'person-picture' }, h('p', { class: 'muted' }, '正在绘制…'))),
    section('时间线', h('ol', { class: 'timeline', id: 'person-timeline' }, ev.filter((e) => e.d).map((e) => h('li', { class: e.lead ? 'tl-lead' : '', 'data-ref': e.ref || '' },
      h('span', { class: 'tl-date' }, e.d), h('span', { class: 'tl-what' }, e.t), h('span', { class: 'tl-x' }, e.x))))),
    custodySafety(p),
    section('监督线索', table([
      { t: '编号', f: (r) => link(`#/leads/${r.lead_id}`, r.lead_id) },
      { t: '模型', f: (r) => r.model_id }, { t: '风险', f: (r) => badge('sev', r.severity, SEVERITY) },
      { t: '状态', f: (r) => badge('st', r.status, STATUS) }, { t: '摘要', cls: 'wide', f: (r) => r.summary },
    ], p.leads)));
  await personPicture(main, pid);
}

// The person at a glance: the server's SVG (bands, steps, marks), imported into the page;
// a mark or band shows its record in the timeline list below (leads link to their page).
// Elements are looked up in this page's container (main), never in the document: a page
// still loading after the user moved on must not fill the next page's box.
async function personPicture(main, pid) {
  const box = main.querySelector('#person-picture');
  const res = await fetch(`/api/persons/${encodeURIComponent(pid)}/timeline.svg`, { credentials: 'same-origin' });
  if (!res.ok) {
    box.replaceChildren(h('p', { class: 'muted' }, `无法绘制（HTTP ${res.status}）`));
    return;
  }
  const doc = new DOMParser().parseFromString(await res.text(), 'image/svg+xml');
  const svg = document.importNode(doc.documentElement, true);
  svg.removeAttribute('height');
  svg.setAttribute('width', '100%');
  box.replaceChildren(svg);
  svg.addEventListener('click', (e) => {
    const g = e.target.closest('[data-ref]');
    if (!g || e.target.closest('a')) return;
    for (const li of main.querySelectorAll('#person-timeline li.tl-hit')) li.classList.remove('tl-hit');
    const li = [...main.querySelectorAll('#person-timeline li[data-ref]')].find((x) => x.dataset.ref === g.dataset.ref);
    if (li) {
      li.classList.add('tl-hit');
      li.scrollIntoView({ block: 'center' });
    }
  });
}

// ---- cases and measures ----

export async function cases(main, params) {
  const status = params.get('status') || '';
  const pg = Number(params.get('page') || 1);
  const res = await get('/api/cases' + qs({ status, page: pg }));
  render(main, 
    title('监督案件', h('span', { class: 'tabs' },
      link('#/cases', '全部'), link('#/cases?status=open', '办理中'), link('#/cases?status=closed', '已办结'))),
    h('div', { class: 'card flush' }, table([
      { t: '案件', cls: 'num', f: (r) => link(`#/cases/${r.case_id}`, r.case_id) },
      { t: '案件名称', cls: 'wide', f: (r) => link(`#/cases/${r.case_id}`, r.title) },
      { t: '人员', f: (r) => r.person_name || r.person_id || '—' },
      { t: '单位', f: (r) => r.facility_name || r.facility_id || '—' },
      { t: '立案时间', f: (r) => r.opened_at.slice(0, 10) }, { t: '承办', f: (r) => r.opened_by },
      { t: '措施', cls: 'num', f: (r) => r.measures }, { t: '待回复', cls: 'num', f: (r) => r.awaiting_reply || '' },
      { t: '状态', f: (r) => (r.status === 'open' ? '办理中' : '已办结') },
    ], res.items, '暂无案件')),
    h('div', { class: 'pager' }, pg > 1 ? link('#/cases' + qs({ status, page: pg - 1 }), '上一页') : null,
      res.more ? link('#/cases' + qs({ status, page: pg + 1 }), '下一页') : null));
}

export async function caseDetail(main, params, id) {
  const c = await get(`/api/cases/${id}`);
  const msg = h('p', { class: 'error', id: 'measure-error' });
  let form = null;
  if (canWrite() && c.status === 'open') {
    const kind = select('kind', MEASURE, 'correction_notice', '选择措施');
    kind.id = 'measure-kind';
    const received = h('input', { type: 'date', name: 'received_date', id: 'received-date' });
    const recvField = field('收到裁定书（决定书、建议书）副本日期', received);
    const charge = h('select', { name: 'charge', id: 'measure-charge' }, ...(c.duty_crimes || []).map((n) => h('option', { value: n }, n)));
    const chargeField = field('涉嫌罪名（刑事诉讼法第十九条第二款）', charge);
    const sync = () => { recvField.hidden = !['objection', 'correction_notice'].includes(kind.value); chargeField.hidden = kind.value !== 'investigation'; };
    kind.addEventListener('change', sync);
    sync();
    form = section('新建监督措施',
      h('div', { class: 'inline' }, field('措施', kind), recvField, chargeField,
        h('button', { class: 'primary', id: 'btn-measure', onclick: async () => {
          msg.textContent = '';
          try {
            const m = await post(`/api/cases/${id}/measures`, { kind: kind.value, received_date: received.value || undefined,
              charge: kind.value === 'investigation' ? charge.value : undefined });
            location.hash = `#/measures/${m.measure_id}`;
          } catch (e) { msg.textContent = '无法新建：' + e.message; }
        } }, '起草文书'),
        h('button', { id: 'btn-close', onclick: async () => {
          try { await post(`/api/cases/${id}/close`, {}); caseDetail(main, params, id); } catch (e) { msg.textContent = e.message; }
        } }, '办结案件')),
      h('p', { class: 'small muted' }, '纠正违法通知书的回复期限由发文检察院设定（默认送达后15日）；减刑、假释裁定的纠正意见须在收到裁定书副本后20日以内由与作出裁定的人民法院同级的人民检察院提出（刑事诉讼法第二百七十四条）。'),
      msg);
  }
  render(main, 
    title(`案件 ${c.case_id}`, h('span', { class: 'badge' }, c.status === 'open' ? '办理中' : '已办结')),
    h('p', { class: 'summary' }, c.title),
    h('div', { class: 'cols' },
      section('案件信息', dl([
        ['来源线索', c.lead_id ? link(`#/leads/${c.lead_id}`, `线索 ${c.lead_id}（${c.model_id}）`) : '—'],
        ['人员', c.person_id ? link(`#/persons/${encodeURIComponent(c.person_id)}`, `${c.person_name || ''}（${c.person_id}）`) : '—'],
        ['身份证号', c.id_number], ['单位', c.facility_name || c.facility_id], ['立案', `${c.opened_at.slice(0, 10)} ${c.opened_by}`],
        c.closed_at ? ['办结', c.closed_at.slice(0, 10)] : null])),
      section('事实与依据', h('p', {}, c.summary), h('p', { class: 'basis' }, c.basis))),
    section('监督措施', table([
      { t: '措施', f: (r) => link(`#/measures/${r.measure_id}`, label(MEASURE, r.kind)) },
      { t: '受文单位', f: (r) => r.recipient_name || r.recipient_id || '—' },
      { t: '提出期限', f: (r) => r.due_date || '' }, { t: '送达日期', f: (r) => r.sent_date || '未送达' },
      { t: '回复期限', f: (r) => r.reply_deadline || '' }, { t: '回复日期', f: (r) => r.reply_date || '' },
      { t: '整改到位', f: (r) => (r.corrected === null ? '' : r.corrected ? '是' : '否') },
    ], c.measures || [], '尚无监督措施')),
    form,
    proposeSection(c),
    section('案件记录', historyList(c.history || [])));
}

export async function measure(main, params, id) {
  const m = await get(`/api/measures/${id}`);
  const d = m.document || {};
  const inputs = {};
  const inp = (k, attrs = {}) => (inputs[k] = h('input', { name: k, value: d[k] || '', ...attrs }));
  const body = (inputs.body = h('textarea', { name: 'body', id: 'doc-body', rows: 14 }));
  body.value = d.body || '';
  const msg = h('p', { class: 'error', id: 'doc-msg' });
  const ro = !canWrite() || !!m.sent_date;
  const save = async () => {
    msg.textContent = '';
    const doc = {};
    for (const [k, el] of Object.entries(inputs)) doc[k] = el.value;
    try { await post(`/api/measures/${id}`, { document: doc }); msg.className = 'ok'; msg.textContent = '已保存。'; } catch (e) { msg.className = 'error'; msg.textContent = '保存失败：' + e.message; }
  };
  const sent = h('input', { type: 'date', id: 'sent-date', value: m.sent_date || '' });
  const rdate = h('input', { type: 'date', id: 'reply-date', value: m.reply_date || '' });
  const reply = h('textarea', { id: 'reply-text', rows: 3 });
  reply.value = m.reply || '';
  const corrected = select('corrected', { true: '是', false: '否' }, m.corrected === null ? '' : String(!!m.corrected), '未认定');
  const upd = async (payload) => {
    try { await post(`/api/measures/${id}`, payload); measure(main, params, id); } catch (e) { msg.className = 'error'; msg.textContent = e.message; }
  };
  const deadlines = [];
  if (m.kind === 'objection') deadlines.push(['收到裁定书副本', m.received_date], ['提出纠正意见期限', h('strong', {}, m.due_date || '—')]);
  for (const dl of m.deadlines || []) deadlines.push([dl.what, h('span', { title: dl.basis }, `${dl.date}（${dl.basis}）`)]);
  if (m.followed_by) deadlines.push(['已转为纠正违法通知书', link(`#/measures/${m.followed_by}`, `措施 ${m.followed_by}`)]);
  deadlines.push(['发文检察院', m.procuratorate_name || '未设定'], ['签发日期', m.issued_date || '未签发（文号待编）'],
    ['送达日期', m.sent_date || '未送达'], ['回复期限', m.reply_deadline || '—'], ['回复日期', m.reply_date || '—']);
  const today = new Date().toISOString().slice(0, 10);
  const versions = (m.versions || []).map((v) => h('li', {}, `第${v.version}稿 ${v.at.slice(0, 16).replace('T', ' ')} ${v.actor} `,
    { draft: '起草', edit: '修改', issue: '签发' }[v.action] || v.action));
  render(main, 
    title(`${m.kind_label}（措施 ${m.measure_id}）`,
      h('a', { class: 'button', id: 'dl-html', href: `/api/measures/${id}/document.html`, download: `measure-${id}.html` }, '下载 HTML'),
      h('a', { class: 'button', id: 'dl-docx', href: `/api/measures/${id}/document.docx`, download: `measure-${id}.docx` }, '下载 Word'),
      h('a', { class: 'button', href: `/api/measures/${id}/document.html?inline=1`, target: '_blank', rel: 'noopener' }, '打印预览')),
    h('p', {}, '案件：', link(`#/cases/${m.case_id}`, m.case_title)),
    h('div', { class: 'cols doc-cols' },
      section('文书（可编辑）',
        h('div', { class: 'doc-edit' },
          field('制发机关', inp('org', { id: 'doc-org' })), field('文书名称', inp('title', { id: 'doc-title' })),
          field('文号（签发时编号）', inp('number', { id: 'doc-number', readOnly: true })), field('受文单位', inp('recipient', { id: 'doc-recipient' })),
          field('正文（每段一行）', body), field('署名', inp('signer', { id: 'doc-signer' })), field('日期', inp('date', { id: 'doc-date' })),
          field('落款', inp('seal', { id: 'doc-seal' })), field('抄送', inp('cc', { id: 'doc-cc' }))),
        ro ? null : h('div', { class: 'button-row' }, h('button', { class: 'primary', id: 'btn-save-doc', onclick: save }, '保存文书'),
          m.issued_date ? null : h('button', { id: 'btn-issue', onclick: async () => { await save(); upd({ issue: today }); } }, '签发编号')), msg),
      h('div', {},
        section('期限', dl(deadlines)),
        section('文书版本', h('ol', { id: 'doc-versions' }, ...versions)),
        (m.kind === 'oral_correction' && !m.followed_by && m.corrected !== 1 && canWrite()) ? section('跟踪纠正',
          h('p', { class: 'small muted' }, '口头纠正后七日内未纠正的，发出纠正违法通知书（人民检察院刑事诉讼规则第六百二十四条）。'),
          h('button', { id: 'btn-escalate', onclick: async () => {
            try { const n = await post(`/api/measures/${id}/escalate`, {}); location.hash = `#/measures/${n.measure_id}`; } catch (e) { msg.className = 'error'; msg.textContent = e.message; }
          } }, '发出纠正违法通知书')) : null,
        ro ? null : section('送达与回复',
          field('送达日期', sent), h('button', { id: 'btn-sent', onclick: () => upd({ sent_date: sent.value }) }, '登记送达'),
          h('hr'), field('回复日期', rdate), field('回复内容', reply), field('整改到位', corrected),
          h('button', { id: 'btn-reply', onclick: () => upd({ reply_date: rdate.value || null, reply: reply.value, corrected: corrected.value === '' ? null : corrected.value === 'true' }) }, '登记回复')))));
  for (const [k, el] of Object.entries(inputs)) el.readOnly = ro || k === 'number';
}

export async function due(main, params) {
  const overdue = params.get('overdue') === '1';
  const rows = await get('/api/measures/due' + qs({ overdue: overdue ? 1 : '' }));
  render(main, 
    title('期限与逾期', h('span', { class: 'tabs' }, link('#/due', '5日内到期及逾期'), link('#/due?overdue=1', '仅逾期'))),
    h('div', { class: 'card flush' }, dueTable(rows)));
}

// ---- admin ----

export async function accounts(main) {
  const rows = await get('/api/accounts');
  const msg = h('p', { class: 'error' });
  const f = {
    name: h('input', { name: 'name', required: true }), role: select('role', ROLE, 'resident', '选择角色'),
    scope: h('input', { name: 'scope', placeholder: 'country / 32 / F001', required: true }),
    password: h('input', { name: 'password', type: 'password', minlength: 8, required: true }),
  };
  const form = h('form', { class: 'inline' }, field('账号', f.name), field('角色', f.role), field('范围', f.scope), field('初始密码', f.password),
    h('button', { class: 'primary', type: 'submit' }, '新建账户'), msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post('/api/accounts', { name: f.name.value, role: f.role.value, scope: f.scope.value, password: f.password.value });
      accounts(main);
    } catch (e) { msg.textContent = e.message; }
  });
  const toggle = async (r) => { await post(`/api/accounts/${r.account_id}/${r.disabled ? 'enable' : 'disable'}`, {}); accounts(main); };
  const unlock = async (r) => { await post(`/api/accounts/${r.account_id}/unlock`, {}); accounts(main); };
  const reset = async (r) => {
    const pw = window.prompt(`为 ${r.name} 设置临时密码（至少 8 位，对方下次登录时须修改）：`);
    if (!pw) return;
    try { await post(`/api/accounts/${r.account_id}/password`, { password: pw }); accounts(main); } catch (e) { msg.textContent = e.message; }
  };
  const status = (r) => [r.disabled ? '停用' : '正常', r.locked ? '，已锁定' : '', r.must_change ? '，待改密' : ''].join('');
  render(main, title('账户管理'),
    h('div', { class: 'card flush' }, table([
      { t: '账号', f: (r) => r.name }, { t: '角色', f: (r) => r.role_label }, { t: '范围', f: (r) => scopeLabel(r.scope) },
      { t: '创建时间', f: (r) => r.created_at.slice(0, 10) }, { t: '登录失败', cls: 'num', f: (r) => r.failed_logins },
      { t: '状态', f: status },
      { t: '', f: (r) => (r.name === state.me.name ? '' : [
        h('button', { class: 'link', onclick: () => toggle(r) }, r.disabled ? '启用' : '停用'), ' ',
        h('button', { class: 'link', onclick: () => reset(r) }, '重置密码'),
        r.locked ? [' ', h('button', { class: 'link', onclick: () => unlock(r) }, '解锁')] : null]) },
    ], rows)),
    section('新建账户', form, h('p', { class: 'small muted' }, '范围：country＝全国；数字＝行政区划代码前缀（如 32 江苏省、3201 南京市）；其他＝单位编号。')));
}

export async function audit(main) {
  const a = await get('/api/audit?limit=200');
  render(main, title('审计日志',
    h('span', { class: a.intact ? 'badge ok' : 'badge overdue', id: 'audit-status' }, a.intact ? `哈希链完整（${a.count} 条）` : '哈希链断裂：' + a.problem)),
  h('div', { class: 'card flush' }, table([
    { t: '序号', cls: 'num', f: (r) => r.seq }, { t: '时间', f: (r) => r.at.replace('T', ' ').replace('Z', '') },
    { t: '操作人', f: (r) => r.actor }, { t: '动作', f: (r) => label(AUDIT_ACTION, r.action) }, { t: '对象', f: (r) => r.object },
    { t: '内容', cls: 'wide', f: (r) => r.detail }, { t: '哈希', f: (r) => h('code', {}, r.hash.slice(0, 12)) },
  ], a.entries)));
}
