// app.js — the shell of the UI: session, navigation and the hash router (#/leads/12).
// route() may run again before an earlier run has finished (a hash change while a page
// loads, the login's own navigation): each run takes a generation number, and a run that
// is no longer the latest neither changes the session state nor touches the page. A page
// renders into its own container, put in place when its run starts: a later run replaces
// it, so whatever an earlier run renders afterwards lands in a detached container.
import { get, post, setCsrf, ApiError } from './api.js';
import { h, setEnums } from './dom.js';
import * as pages from './pages.js';
import { loadRegions, regionLabel } from './regions.js';
import * as library from './library.js';
import { purposePage } from './sealed.js';

export const state = { me: null };

const routes = [
  [/^\/$/, pages.overview, 'overview'],
  [/^\/leads$/, pages.leads, 'leads'],
  [/^\/leads\/(\d+)$/, pages.lead, 'leads'],
  [/^\/persons\/([^/]+)$/, pages.person, 'leads'],
  [/^\/cases$/, pages.cases, 'cases'],
  [/^\/cases\/(\d+)$/, pages.caseDetail, 'cases'],
  [/^\/measures\/(\d+)$/, pages.measure, 'cases'],
  [/^\/due$/, pages.due, 'due'],
  [/^\/library$/, library.library, 'library'],
  [/^\/library\/(\d+)$/, library.typicalCase, 'library'],
  [/^\/accounts$/, pages.accounts, 'accounts'],
  [/^\/audit$/, pages.audit, 'audit'],
];

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query] = raw.split('?');
  return { path, params: new URLSearchParams(query || '') };
}

function renderWho() {
  const who = document.getElementById('who');
  who.replaceChildren();
  const nav = document.getElementById('nav');
  if (!state.me) { nav.hidden = true; return; }
  nav.hidden = false;
  for (const a of nav.querySelectorAll('[data-admin]')) a.hidden = state.me.role !== 'admin';
  who.append(
    h('span', { class: 'who-name' }, state.me.name),
    h('span', { class: 'who-role' }, state.me.role_label),
    h('span', { class: 'who-scope' }, '范围：' + scopeLabel(state.me.scope)),
    h('a', { class: 'link', id: 'change-password', href: '#/password' }, '修改密码'),
    h('button', { class: 'link', id: 'logout', onclick: logout }, '退出'));
}

export function scopeLabel(s) {
  if (s === 'country') return '全国';
  const [k, v] = s.split(':');
  return k === 'region' ? `${regionLabel(v)}（${v}）` : `单位 ${v}`;
}

async function logout() {
  try { await post('/api/logout'); } catch (e) { /* the session may already be gone */ }
  state.me = null;
  setCsrf('');
  renderWho();
  go('#/login');
}

function loginPage(main) {
  const err = h('p', { class: 'error', id: 'login-error' });
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, autofocus: true });
  const pw = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'login', id: 'login-form' },
    h('h1', {}, '用户登录'),
    h('p', { class: 'muted' }, '刑事执行检察 · 线索、案件与监督文书'),
    h('label', { class: 'field' }, h('span', {}, '账号'), name),
    h('label', { class: 'field' }, h('span', {}, '密码'), pw),
    h('button', { type: 'submit', class: 'primary' }, '登录'), err,
    h('p', { class: 'small muted' }, '本系统记录所有登录、人员信息查阅、导出与修改操作。'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    try {
      state.me = await post('/api/login', { name: name.value, password: pw.value });
      setCsrf(state.me.csrf);
      renderWho();
      go(state.me.must_change ? '#/password' : '#/');
    } catch (e) {
      err.textContent = e.status === 429 ? '登录失败次数过多，账户已暂时锁定，请稍后再试。' : '账号或密码错误。';
    }
  });
  main.replaceChildren(h('div', { class: 'login-wrap' }, form));
}

// Navigate to hash: a hash change runs the router; the same hash runs it here.
function go(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

// The password change: forced after an admin's reset (nothing else is allowed until it is
// done), or chosen from the header.
function passwordPage(main, forced) {
  const err = h('p', { class: 'error', id: 'password-error' });
  const old = h('input', { name: 'old_password', type: 'password', autocomplete: 'current-password', required: true });
  const pw1 = h('input', { name: 'new_password', type: 'password', autocomplete: 'new-password', minlength: 8, required: true });
  const pw2 = h('input', { name: 'new_password2', type: 'password', autocomplete: 'new-password', minlength: 8, required: true });
  const form = h('form', { class: 'login', id: 'password-form' },
    h('h1', {}, '修改密码'),
    forced ? h('p', { class: 'notice', id: 'password-forced' }, '管理员已重置您的密码，请先设置新密码。') : null,
    h('label', { class: 'field' }, h('span', {}, '当前密码'), old),
    h('label', { class: 'field' }, h('span', {}, '新密码（至少 8 位）'), pw1),
    h('label', { class: 'field' }, h('span', {}, '再次输入新密码'), pw2),
    h('button', { type: 'submit', class: 'primary' }, '保存'), err);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    if (pw1.value !== pw2.value) { err.textContent = '两次输入的新密码不一致。'; return; }
    try {
      state.me = await post('/api/me/password', { old_password: old.value, new_password: pw1.value });
      setCsrf(state.me.csrf);
      renderWho();
      go('#/');
    } catch (e) {
      err.textContent = e.status === 403 ? '当前密码错误。' : '无法修改密码：' + e.message;
    }
  });
  main.replaceChildren(h('div', { class: 'login-wrap' }, form));
}

let generation = 0;
let enumsLoaded = false;

let regionsLoaded = false;

export async function route() {
  const gen = ++generation;
  const current = () => gen === generation;
  const main = document.getElementById('main');
  const { path, params } = parseHash();
  if (!state.me) {
    let me = null;
    try { me = await get('/api/me'); } catch (e) { me = null; }
    if (!current()) return;
    state.me = me;
    if (me) setCsrf(me.csrf);
    renderWho();
  }
  if (!state.me || path === '/login') {
    if (state.me && path === '/login') { go('#/'); return; }
    loginPage(main);
    return;
  }
  if (!enumsLoaded) {
    try { setEnums(await get('/api/enums')); enumsLoaded = true; } catch (e) { /* labels fall back to the ids */ }
    if (!current()) return;
  }
  if (state.me.must_change || path === '/password') {
    if (path !== '/password') { go('#/password'); return; }
    passwordPage(main, state.me.must_change);
    return;
  }
  if (!regionsLoaded) {
    try { await loadRegions(); } catch (e) { /* names fall back to the codes */ }
    if (!current()) return;
    regionsLoaded = true;
    renderWho();
  }
  for (const [re, fn, nav] of routes) {
    const m = path.match(re);
    if (!m) continue;
    for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.nav === nav);
    const view = h('div', { class: 'view' }, h('p', { class: 'muted' }, '正在加载…'));
    main.replaceChildren(view);
    try {
      await fn(view, params, ...m.slice(1).map(decodeURIComponent));
    } catch (e) {
      if (!current()) return;
      if (e instanceof ApiError && e.status === 401) { state.me = null; renderWho(); loginPage(main); return; }
      if (e instanceof ApiError && e.status === 403 && e.body && e.body.error === 'purpose_required') {
        purposePage(view, e.body, () => { if (current()) route(); });
        return;
      }
      const msg = e instanceof ApiError && e.status === 404 ? '未找到该记录，或不在您的权限范围内。' : '出错了：' + e.message;
      main.replaceChildren(h('div', { class: 'notice error', id: 'page-error' }, msg));
    }
    return;
  }
  main.replaceChildren(h('div', { class: 'notice error', id: 'page-error' }, '没有这个页面。'));
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', route);
