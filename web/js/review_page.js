// review_page.js — court documents (文书审核, docs/documents-intake.md): upload
// judgments and rulings (.docx, .pdf, .txt; sent as the raw file, several MB allowed), the
// queue, and one document side by side: its text on the left, on the right every extracted
// field with its confidence and the sentence it came from, editable; the person each
// extracted person is (a candidate by id number or name and birth date, or a new person);
// confirm (the rows go through the importer) or discard. Role: 数据管理员 or admin.
import { get, post, ApiError } from './api.js';
import { h } from './dom.js';
import { boot, card, field, showError, table } from './office_common.js';

const KIND = { judgment: '刑事判决', commutation: '减刑裁定', parole: '假释裁定', temp_outside: '暂予监外执行决定' };
const STATUS = { pending: '待审核', confirmed: '已确认', discarded: '已作废' };
const LABEL = {
  kind: '文书种类', court: '作出机关', case_no: '案号', decision_date: '裁判（决定）日期', effective_date: '生效日期',
  name: '姓名', gender: '性别', birth_date: '出生日期', id_number: '身份证号', facility: '羁押/服刑场所',
  judgment_id: '原判决编号（库内）',
  'original.case_no': '原判案号', 'original.court': '原判法院', 'original.court_id': '原判法院编号（库内）',
  'original.judgment_date': '原判日期', 'original.effective_date': '原判生效日期', 'original.offense_date': '犯罪日期',
  'original.charges': '罪名', 'original.penalty': '刑种', 'original.term_months': '刑期（月）',
  'original.term_days': '刑期（日）', 'original.probation_months': '缓刑考验期（月）',
  'original.dpr_months': '剥夺政治权利（月）', 'original.dpr_life': '剥夺政治权利终身', 'original.recidivist': '累犯',
  'original.term_start': '刑期起日', 'original.term_end': '刑期止日',
  'change.kind': '变更种类', 'change.grounds': '理由', 'change.reduction_months': '减刑（月）',
  'change.reduction_days': '减刑（日）', 'change.new_penalty': '减为刑种', 'change.new_term_months': '减为刑期（月）',
  'change.proposal_date': '提请日期', 'change.term_end_after': '变更后刑期止日',
};
const DOC_FIELDS = ['kind', 'court', 'case_no', 'decision_date', 'effective_date'];
const PERSON_FIELDS = ['name', 'gender', 'birth_date', 'id_number', 'facility'];
const JUDGMENT_FIELDS = ['original.charges', 'original.penalty', 'original.term_months', 'original.term_days',
  'original.probation_months', 'original.dpr_months', 'original.dpr_life', 'original.recidivist',
  'original.term_start', 'original.term_end', 'original.offense_date', 'original.effective_date',
  'original.case_no', 'original.court', 'original.judgment_date', 'original.court_id'];
const CHANGE_FIELDS = ['change.kind', 'change.grounds', 'change.reduction_months', 'change.reduction_days',
  'change.new_penalty', 'change.new_term_months', 'change.term_end_after', 'change.proposal_date',
  'original.case_no', 'original.court', 'original.judgment_date', 'original.charges', 'original.penalty',
  'original.term_months', 'original.term_start', 'original.term_end', 'original.dpr_months',
  'original.dpr_life', 'judgment_id',
  // what a ruling never states, for writing its original judgment when the person has none
  'original.offense_date', 'original.effective_date', 'original.court_id'];

function valueAt(obj, path) {
  let cur = obj;
  for (const step of path.split('.')) {
    if (cur === undefined || cur === null) return undefined;
    const m = step.match(/^(\w+)\[(\d+)\]$/);
    cur = m ? (cur[m[1]] || [])[Number(m[2])] : cur[step];
  }
  return cur;
}

function show(v) {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join('；');
  if (v === true) return '是';
  if (v === false) return '否';
  return String(v);
}

function fieldRow(doc, path, label) {
  const x = doc.extracted;
  const v = valueAt(x, path);
  const conf = x.confidence[path];
  const src = x.sources[path];
  const input = h('input', { name: path, value: show(v), 'data-orig': show(v), size: 28 });
  const low = conf === undefined || conf < 0.9;
  return h('tr', { class: low ? 'low' : '', 'data-path': path },
    h('th', {}, label),
    h('td', {}, input),
    h('td', { class: 'num' }, conf === undefined ? '未识别' : conf.toFixed(2)),
    h('td', { class: 'small src' }, src || ''));
}

function personBlock(doc, i) {
  const p = doc.extracted.persons[i];
  const kind = doc.extracted.kind;
  const cands = doc.candidates[i] || [];
  const prefix = `persons[${i}].`;
  const rows = PERSON_FIELDS.concat(kind === 'judgment' ? JUDGMENT_FIELDS : CHANGE_FIELDS)
    .map((f) => fieldRow(doc, prefix + f, LABEL[f] || f));
  const choices = h('div', { class: 'choices', 'data-person': String(i) },
    cands.map((c, k) => h('label', { class: 'choice' },
      h('input', { type: 'radio', name: `person-${i}`, value: c.person_id, checked: cands.length === 1 && k === 0 }),
      ` ${c.person_id} ${c.name} ${c.birth_date} ${c.id_number || ''}（${c.match === 'id_number' ? '身份证号一致' : '姓名和出生日期一致'}）`)),
    h('label', { class: 'choice' },
      h('input', { type: 'radio', name: `person-${i}`, value: 'new', checked: cands.length === 0 }), ' 新建人员'));
  return h('section', { class: 'person' },
    h('h3', {}, `第${i + 1}人：${p.name || '（姓名未识别）'}`),
    h('p', { class: 'small muted' }, cands.length > 1 ? '库中有多个可能的人员，请选择：' : '对应人员：'),
    choices,
    h('table', { class: 'grid fields' },
      h('thead', {}, h('tr', {}, h('th', {}, '字段'), h('th', {}, '值（可更正）'), h('th', {}, '置信度'), h('th', {}, '来源语句'))),
      h('tbody', {}, rows)));
}

async function openDoc(id, box, reload) {
  const doc = await get(`/api/docs/${id}`);
  const msg = h('div', { id: 'review-msg' });
  const x = doc.extracted;
  const docRows = DOC_FIELDS.map((f) => fieldRow(doc, f, LABEL[f]));
  const form = h('form', { id: 'review-form' },
    h('table', { class: 'grid fields' },
      h('thead', {}, h('tr', {}, h('th', {}, '字段'), h('th', {}, '值（可更正）'), h('th', {}, '置信度'), h('th', {}, '来源语句'))),
      h('tbody', {}, docRows)),
    x.persons.map((_, i) => personBlock(doc, i)));
  const pending = doc.status === 'pending';
  const confirmBtn = h('button', { type: 'button', class: 'primary', id: 'confirm', disabled: !pending }, '确认入库');
  const reason = h('input', { name: 'reason', placeholder: '作废原因', id: 'discard-reason' });
  const discardBtn = h('button', { type: 'button', id: 'discard', disabled: !pending }, '作废');
  confirmBtn.addEventListener('click', async () => {
    const fields = {};
    for (const el of form.querySelectorAll('input[data-orig]')) {
      if (el.value !== el.dataset.orig) fields[el.name] = el.value;
    }
    const persons = {};
    for (const box of form.querySelectorAll('.choices')) {
      const sel = box.querySelector('input:checked');
      if (sel) persons[box.dataset.person] = sel.value;
    }
    try {
      const res = await post(`/api/docs/${id}/confirm`, { fields, persons });
      msg.replaceChildren(h('p', { class: 'notice ok', id: 'confirmed' },
        '已确认入库：' + res.rows.map((r) => `${r.feed === 'judgments' ? '判决' : r.feed === 'persons' ? '人员' : '刑罚变更'} ${r.record_key}${r.written ? '' : '（已存在，已关联）'}`).join('；')));
      await reload();
    } catch (e) {
      msg.replaceChildren(h('p', { class: 'notice error', id: 'confirm-error' }, (e.body && e.body.message) || e.message));
    }
  });
  discardBtn.addEventListener('click', async () => {
    try {
      await post(`/api/docs/${id}/discard`, { reason: reason.value });
      msg.replaceChildren(h('p', { class: 'notice ok' }, '已作废'));
      await reload();
    } catch (e) { showError(msg, e); }
  });
  const text = h('pre', { id: 'doc-text', class: 'doc-text' }, doc.text || '');
  box.replaceChildren(card(`${doc.file} · ${KIND[doc.kind] || '种类未识别'} · ${STATUS[doc.status] || doc.status}`,
    h('p', { class: 'small' }, h('a', { href: `/api/docs/${id}/file` }, '下载原件'),
      `　格式 ${doc.format}${doc.encoding ? '（' + doc.encoding + '）' : ''}，${doc.size} 字节；低置信度字段以颜色标出，请对照左侧原文核对。`),
    h('div', { class: 'review-split' },
      h('div', { class: 'review-left' }, h('h3', {}, '原文'), text),
      h('div', { class: 'review-right' }, form,
        h('div', { class: 'actions' }, confirmBtn, ' ', reason, ' ', discardBtn), msg))));
}

async function upload(files, out) {
  const results = [];
  const me = await get('/api/me');
  for (const f of files) {
    const line = h('li', {}, `${f.name}：正在上传（${Math.round(f.size / 1024)} KB）…`);
    out.append(line);
    const res = await fetch('/api/docs/upload?name=' + encodeURIComponent(f.name), {
      method: 'POST', credentials: 'same-origin', body: f,
      headers: { 'Content-Type': 'application/octet-stream', 'X-CSRF-Token': me.csrf },
    });
    const body = await res.json().catch(() => ({}));
    if (res.ok) line.textContent = `${f.name}：${body.existed ? '此前已上传' : '已加入待审核'}（编号 ${body.doc_id}）`;
    else { line.textContent = `${f.name}：无法读取 — ${body.message || res.status}`; line.classList.add('error'); }
    results.push(body);
  }
  return results;
}

async function main() {
  const me = await boot();
  const main = document.getElementById('main');
  if (me.role !== 'clerk' && me.role !== 'admin') {
    main.replaceChildren(card('文书审核', h('p', { class: 'notice error' }, '仅数据管理员或管理员可以上传和审核文书。')));
    return;
  }
  const listBox = h('div', { id: 'doc-list' });
  const detail = h('div', { id: 'doc-detail' });
  const statusSel = h('select', { id: 'status' }, Object.entries(STATUS).map(([k, v]) => h('option', { value: k }, v)));
  const reload = async () => {
    const docs = await get('/api/docs?status=' + statusSel.value);
    listBox.replaceChildren(table([
      { t: '编号', cls: 'num', f: (d) => String(d.doc_id) },
      { t: '文件', f: (d) => d.file },
      { t: '种类', f: (d) => KIND[d.kind] || '未识别' },
      { t: '案号', f: (d) => d.case_no || '' },
      { t: '人员', f: (d) => (d.persons || []).join('、') },
      { t: '低置信度', cls: 'num', f: (d) => String(d.low_confidence.length) },
      { t: '', f: (d) => h('button', { type: 'button', class: 'open', 'data-doc': String(d.doc_id),
        onclick: () => openDoc(d.doc_id, detail, reload).catch((e) => showError(detail, e)) }, '审核') },
    ], docs, '没有文书'));
  };
  statusSel.addEventListener('change', () => reload().catch((e) => showError(listBox, e)));
  const input = h('input', { type: 'file', id: 'files', multiple: true, accept: '.docx,.pdf,.txt' });
  const out = h('ul', { id: 'upload-result' });
  const btn = h('button', { type: 'button', class: 'primary', id: 'upload' }, '上传');
  btn.addEventListener('click', async () => {
    if (!input.files.length) return;
    btn.disabled = true;
    try { await upload([...input.files], out); await reload(); } catch (e) { showError(out, e); } finally { btn.disabled = false; }
  });
  main.replaceChildren(
    card('上传文书', h('p', { class: 'small muted' }, '刑事判决书、减刑/假释裁定书、暂予监外执行决定书：docx、带文字层的PDF或txt（UTF-8或GB18030）。'),
      h('div', { class: 'filters' }, field('文件', input), btn), out),
    card('文书队列', h('div', { class: 'filters' }, field('状态', statusSel)), listBox),
    detail);
  await reload();
}

main().catch((e) => { if (!(e instanceof ApiError && e.status === 401)) showError(document.getElementById('main'), e); });
