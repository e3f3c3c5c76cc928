// library.js — the case library (典型案例库): search, one typical case (read, edit, publish,
// withdraw), the proposal from a closed case and the typical cases of a lead's model.
import { get, post, qs } from './api.js';
import { h, table, field, select } from './dom.js';
import { state } from './app.js';

const render = (main, ...kids) => main.replaceChildren(...kids.flat(Infinity).filter((k) => k !== null && k !== undefined && k !== false));
const link = (href, text) => h('a', { href }, text);
const title = (t, ...right) => h('div', { class: 'page-title' }, h('h1', {}, t), h('div', { class: 'actions' }, right));
const section = (t, ...kids) => h('section', { class: 'card' }, h('h2', {}, t), kids);
const STATUS = { published: '已发布', draft: '草稿' };
const AREAS = ['交付执行', '变更执行', '社区矫正', '财产刑执行', '监管活动', '剥夺政治权利执行', '综合研判', '自定义模型'];
const ACTION = { propose: '推荐', edit: '修改', publish: '发布', withdraw: '撤回' };
const TEXTS = [['summary', '基本案情'], ['practice', '检察履职情况'], ['significance', '典型意义']];

const paras = (text) => (text || '').split('\n').filter((p) => p.trim()).map((p) => h('p', { class: 'tc-para' }, p));

function tags(tc) {
  return h('p', { class: 'tc-tags' },
    tc.model_id ? h('span', { class: 'badge' }, '模型 ' + tc.model_id) : null,
    tc.area ? h('span', { class: 'badge' }, tc.area) : null,
    (tc.articles || '').split('；').filter(Boolean).map((a) => h('span', { class: 'badge' }, a)),
    (tc.keywords || '').split('；').filter(Boolean).map((k) => h('span', { class: 'badge muted' }, k)));
}

export async function library(main, params) {
  const f = Object.fromEntries(params.entries());
  const page = await get('/api/library' + qs(f));
  const form = h('form', { class: 'filters', id: 'library-filters' },
    field('检索', h('input', { name: 'q', value: f.q || '', placeholder: '标题、案情、模型、条文、关键词', size: 28, id: 'library-q' })),
    field('模型', h('input', { name: 'model', value: f.model || '', placeholder: '如 CHG-01', size: 8 })),
    field('监督领域', select('area', Object.fromEntries(AREAS.map((a) => [a, a])), f.area)),
    field('状态', select('status', { published: '已发布', draft: '草稿（本范围）', all: '全部' }, f.status, '已发布')),
    h('div', { class: 'filter-buttons' },
      h('button', { type: 'submit', class: 'primary' }, '查询'),
      h('button', { type: 'button', onclick: () => { location.hash = '#/library'; } }, '重置')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = {};
    for (const [k, v] of new FormData(form).entries()) if (v) q[k] = v;
    location.hash = '#/library' + qs(q);
  });
  const exp = { q: f.q, model: f.model, area: f.area };
  const cur = page.page;
  render(main,
    title('典型案例库',
      h('a', { class: 'button', id: 'library-html', href: '/api/library/booklet.html' + qs({ ...exp, inline: 1 }), target: '_blank', rel: 'noopener' }, '打印汇编'),
      h('a', { class: 'button', id: 'library-docx', href: '/api/library/booklet.docx' + qs(exp), download: 'library.docx' }, '导出 Word')),
    h('p', { class: 'small muted' }, '已办结且整改到位的监督案件可在案件页面推荐为典型案例；系统自动隐去姓名、身份证号、案号、单位名称和具体日期，推荐人修改后发布。'),
    form,
    h('div', { class: 'card flush' }, table([
      { t: '编号', cls: 'num', f: (r) => link(`#/library/${r.tc_id}`, r.tc_id) },
      { t: '标题', cls: 'wide', f: (r) => h('div', {}, link(`#/library/${r.tc_id}`, r.title), h('div', { class: 'small muted' }, r.excerpt)) },
      { t: '模型', f: (r) => (r.model_id ? h('code', {}, r.model_id) : '') },
      { t: '领域', f: (r) => r.area || '' },
      { t: '状态', f: (r) => STATUS[r.status] || r.status },
      { t: '发布日期', f: (r) => (r.published_at || '').slice(0, 10) },
    ], page.items, '没有符合条件的典型案例')),
    h('div', { class: 'pager' },
      h('span', { class: 'muted', id: 'library-total' }, `共 ${page.total} 件 · 第 ${cur} 页`),
      cur > 1 ? link('#/library' + qs({ ...f, page: cur - 1 }), '上一页') : null,
      page.more ? link('#/library' + qs({ ...f, page: cur + 1 }), '下一页') : null));
}

export async function typicalCase(main, params, id) {
  const tc = await get(`/api/library/${id}`);
  const me = state.me || {};
  const mayChange = me.can_write && tc.case_id !== undefined && tc.case_id !== null &&
    (tc.created_by === me.name || me.role === 'leader' || me.role === 'admin');
  const msg = h('p', { class: 'error', id: 'tc-msg' });
  const act = async (what, body) => {
    msg.textContent = '';
    try { await post(`/api/library/${id}${what ? '/' + what : ''}`, body || {}); typicalCase(main, params, id); } catch (e) { msg.textContent = e.message; }
  };
  let editor = null;
  if (mayChange && tc.status === 'draft') {
    const inputs = {};
    const area = (k, rows) => { const t = h('textarea', { name: k, id: 'tc-' + k, rows }); t.value = tc[k] || ''; inputs[k] = t; return t; };
    const inp = (k, size) => (inputs[k] = h('input', { name: k, id: 'tc-' + k, value: tc[k] || '', size }));
    editor = section('修改与发布',
      field('标题', inp('title', 60)),
      TEXTS.map(([k, t]) => field(t, area(k, k === 'practice' ? 8 : 5))),
      field('法律条文（以“；”分隔）', inp('articles', 60)),
      field('关键词（以“；”分隔）', inp('keywords', 60)),
      h('div', { class: 'button-row' },
        h('button', { id: 'btn-tc-save', onclick: () => act('', Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value]))) }, '保存'),
        h('button', { id: 'btn-tc-publish', class: 'primary', onclick: () => act('publish') }, '发布')),
      h('p', { class: 'small muted' }, '发布前系统再次检查正文：仍含有原案人员姓名、身份证号、案号或单位名称的，不予发布。'),
      msg);
  } else if (mayChange && tc.status === 'published') {
    editor = section('管理', h('div', { class: 'button-row' },
      h('button', { id: 'btn-tc-withdraw', onclick: () => act('withdraw') }, '撤回为草稿')), msg);
  }
  render(main,
    title(`典型案例 ${tc.tc_id}`, h('span', { class: 'badge', id: 'tc-status' }, STATUS[tc.status] || tc.status),
      tc.case_id ? link(`#/cases/${tc.case_id}`, `来源案件 ${tc.case_id}`) : null),
    h('article', { class: 'card typical-case', id: 'tc-body' },
      h('h2', { class: 'tc-title' }, tc.title), tags(tc),
      TEXTS.map(([k, t]) => [h('h3', {}, `【${t}】`), paras(tc[k])])),
    editor,
    section('记录', table([
      { t: '时间', f: (r) => r.at.replace('T', ' ').slice(0, 16) }, { t: '操作人', f: (r) => r.actor },
      { t: '操作', f: (r) => ACTION[r.action] || r.action }, { t: '说明', f: (r) => r.note || '' },
    ], tc.history || [])));
}

// The case page: propose a closed case with a correction as a typical case.
export function proposeSection(c) {
  const me = state.me || {};
  const corrected = (c.measures || []).some((m) => m.corrected === 1);
  if (!me.can_write || c.status !== 'closed' || !corrected) return null;
  const msg = h('p', { class: 'error', id: 'propose-msg' });
  return section('典型案例',
    h('p', { class: 'small muted' }, '本案已办结且违法情形已整改到位，可推荐为典型案例：系统起草隐名处理后的案例，由您修改后发布。'),
    h('div', { class: 'button-row' }, h('button', { id: 'btn-propose', onclick: async () => {
      msg.textContent = '';
      try {
        const tc = await post(`/api/cases/${c.case_id}/typical`, {});
        location.hash = `#/library/${tc.tc_id}`;
      } catch (e) {
        if (e.status === 409 && e.body && e.body.tc_id) location.hash = `#/library/${e.body.tc_id}`;
        else msg.textContent = e.message;
      }
    } }, '推荐为典型案例')), msg);
}

// The lead page: the published typical cases of the lead's model.
export function modelCases(modelId) {
  const box = h('div', { id: 'lead-typical' }, h('p', { class: 'small muted' }, '正在载入…'));
  get('/api/library' + qs({ model: modelId, per: 5 })).then((page) => {
    box.replaceChildren(...(page.items.length
      ? [h('ul', { class: 'tc-list' }, page.items.map((r) => h('li', {}, link(`#/library/${r.tc_id}`, r.title)))),
        page.total > page.items.length ? link('#/library' + qs({ model: modelId }), `全部 ${page.total} 件`) : null].filter(Boolean)
      : [h('p', { class: 'small muted' }, '本模型尚无已发布的典型案例。')]));
  }).catch(() => box.replaceChildren(h('p', { class: 'small muted' }, '典型案例暂不可用。')));
  return section('同类典型案例', box);
}
