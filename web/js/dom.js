// dom.js — building the page with DOM calls only (never innerHTML with data), and the
// Chinese labels of the platform's English identifiers (spec/glossary.md).
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'value') el.value = v;
    else if (k === 'style') el.style.cssText = v; // CSSOM: allowed by the CSP, unlike the attribute
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === undefined || kid === null || kid === false) continue;
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  }
  return el;
}

export function svg(tag, attrs, ...kids) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const kid of kids.flat()) if (kid != null) el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return el;
}

export const STATUS = { open: '待处理', assigned: '已分派', verifying: '核实中', case: '已成案', dismissed: '已排除', resolved: '数据已消除', active: '未办结' };
export const SEVERITY = { high: '高', medium: '中', low: '低' };
export const FAMILY = {
  delivery: '交付执行', custody: '监管活动', changes: '减刑假释暂予监外', community: '社区矫正与监外执行',
  property: '财产性判项执行', political: '剥夺政治权利执行', conditions: '监管活动', other: '其他执行',
  duty: '职务犯罪线索', second_order: '二阶模型（职务犯罪线索）',
  juvenile: '犯罪记录封存', enterprise: '涉企执法', '': '未分类',
};
export const MEASURE = {
  correction_notice: '纠正违法通知书', suggestion: '检察建议书', hearing: '检察听证',
  transfer: '移送职务犯罪线索', objection: '纠正意见（减刑假释裁定、暂予监外执行决定）',
  oral_correction: '口头纠正', investigation: '立案侦查',
};
export const ROLE = { resident: '派驻检察官', inspector: '巡回检察官', analyst: '模型管理', leader: '领导', admin: '系统管理员', clerk: '数据管理员' };
// The feeds' enums (penalty, custody event, change kind, grounds …): labels written once,
// in the law core (src/law/law.h), served by GET /api/enums and filled in by app.js.
export const PENALTY = {};
export const CHANGE = {};
export const CUSTODY = {};
// The office's, complaints' and inspections' enums (src/util/office_enums.h) and the open
// states of a lead (LEAD_OPEN_STATUSES of src/store/leads.h), from the same route; the
// office pages fill them in office_common.js boot().
export const COMPLAINT_KIND = {};
export const COMPLAINT_TOPIC = {};
export const COMPLAINT_CHANNEL = {};
export const TALK_KIND = {};
export const INSPECTION_KIND = {};
export const SPECIALITY = {};
export const LEAD_OPEN = [];
export function setEnums(e) {
  Object.assign(PENALTY, e.penalty || {});
  Object.assign(CHANGE, e.change_kind || {});
  Object.assign(CUSTODY, e.event_type || {});
  Object.assign(GROUNDS, e.grounds || {});
  Object.assign(COMPLAINT_KIND, e.complaint_kind || {});
  Object.assign(COMPLAINT_TOPIC, e.complaint_topic || {});
  Object.assign(COMPLAINT_CHANNEL, e.complaint_channel || {});
  Object.assign(TALK_KIND, e.talk_kind || {});
  Object.assign(INSPECTION_KIND, e.inspection_kind || {});
  Object.assign(SPECIALITY, e.speciality || {});
  LEAD_OPEN.splice(0, LEAD_OPEN.length, ...(e.lead_open_status || []));
}
// Evidence keys → labels; unknown keys are shown as they are.
export const EVIDENCE = {
  judgment_id: '判决编号', change_id: '变更执行编号', case_no: '案号', penalty: '主刑',
  term_months: '刑期（月）', offense_date: '犯罪日期', judgment_date: '判决日期',
  effective_date: '判决生效日期', notice_date: '执行通知书日期', admit_date: '收监日期',
  term_start: '刑期起日', term_end: '刑期止日', proposal_date: '提请日期',
  decision_date: '裁定（决定）日期', reduction_months: '减刑幅度（月）', served_months: '已执行刑期（月）',
  required_months: '应执行刑期（月）', eligible_date: '可提请日期', interval_months: '间隔期（月）',
  order_date: '决定日期', report_date: '报到日期', days_late: '逾期天数', last_checkin: '最后报到',
  days_since: '间隔天数', amount_due_fen: '应履行金额', amount_paid_fen: '已履行金额',
  release_date: '释放日期', election_date: '选举日期', as_of: '基准日', detain_date: '羁押日期',
  deadline: '法定期限', limit_date: '期限届满日', birth_date: '出生日期', exam_date: '检查日期',
  start_date: '起始日期', end_date: '终止日期', facility_id: '单位编号', person_id: '人员编号',
  term_end_original: '原刑期止日', execution_date: '交付执行日期', end_before: '减刑前刑期止日',
  end_after: '减刑后刑期止日', start_earliest: '最早可减刑日期', interval_earliest: '间隔期届满日',
  proposal_earliest: '最早可提请日期', parole_earliest: '最早可假释日期', delivery_deadline: '交付执行期限',
  days_over: '超期天数', last_contact: '最后报到或定位', proposal_deadline: '提请撤销期限', days: '天数',
  date: '日期', grounds: '理由', kind: '类别', agency_id: '社区矫正机构', cc_id: '社区矫正编号',
  ground: '事由', last_custody_event: '最近羁押事件', last_custody_type: '最近羁押类型', lead_id: '线索编号',
  model_id: '模型', subject: '对象', facility_median: '本单位中位数', leads: '关联线索',
  amount_due: '应履行金额', reduction_days: '减刑幅度（日）', absconded_event_id: '失联事件',
  window_from: '比较期起', window_to: '比较期止', window_start: '期间起', window_end: '期间止',
  recent_months: '近期月数', recent_total: '近期加分合计', earlier_months: '此前月数',
  earlier_total: '此前加分合计', facility_p95: '本单位95%分位数', officer_id: '工作人员编号',
  persons: '涉及人数', new_penalty: '变更后主刑', decider_id: '裁定机关', proposer_id: '提请机关',
};

// grounds of the models' own (the law core's are added by setEnums)
export const GROUNDS = { absence: '失去联系' };
export const label = (map, v) => (v in map ? map[v] : v);
export const isDate = (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function fmtValue(key, v) {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number' && /_fen$/.test(key)) return (v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 }) + ' 元';
  if (key === 'penalty' || key === 'new_penalty') return label(PENALTY, v);
  if (key === 'kind') return label({ ...CHANGE, ...MEASURE }, v);
  if (key === 'grounds' || key === 'ground') return label(GROUNDS, v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function badge(kind, value, map) {
  return h('span', { class: `badge ${kind}-${value}` }, label(map, value));
}

export function table(cols, rows, empty = '没有记录') {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { class: c.cls }, c.t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, cols.map((c) => h('td', { class: c.cls }, c.f(r)))))));
}

export function field(labelText, input) {
  return h('label', { class: 'field' }, h('span', {}, labelText), input);
}

export function select(name, map, value, blank = '全部') {
  const opts = [h('option', { value: '' }, blank)];
  for (const [k, v] of Object.entries(map)) opts.push(h('option', { value: k, selected: k === value }, v));
  return h('select', { name }, opts);
}
