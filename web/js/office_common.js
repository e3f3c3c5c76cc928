// office_common.js — what the report, inspection and resident-office pages share: the
// session (redirect to the login page when there is none), the page frame with the
// platform's navigation, and small table/form helpers (DOM calls only, never innerHTML).
import { get, setCsrf, ApiError } from './api.js';
import { h, setEnums } from './dom.js';
import { loadRegions } from './regions.js';

export async function boot() {
  try {
    const me = await get('/api/me');
    setCsrf(me.csrf);
    try { await loadRegions(); } catch (e) { /* names fall back to the codes */ }
    try { setEnums(await get('/api/enums')); } catch (e) { /* labels fall back to the ids */ }
    const who = document.getElementById('who');
    if (who) who.replaceChildren(h('span', { class: 'who-name' }, me.name), h('span', { class: 'who-role' }, me.role_label || me.role));
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) location.href = '/#/login';
    throw e;
  }
}

export function table(cols, rows, empty) {
  if (!rows || !rows.length) return h('p', { class: 'empty muted' }, empty || '暂无记录');
  return h('table', { class: 'grid' },
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { class: c.cls || '' }, c.t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, cols.map((c) => h('td', { class: c.cls || '' }, c.f(r)))))));
}

export function field(label, input) {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

export function card(title, ...kids) {
  return h('section', { class: 'card' }, h('h2', {}, title), ...kids);
}

export function showError(where, e) {
  where.replaceChildren(h('p', { class: 'notice error' }, (e && e.message) || String(e)));
}

export function formData(form) {
  const o = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') { if (el.checked) o[el.name] = o[el.name] ? o[el.name] + ';' + el.value : el.value; continue; }
    if (el.value !== '') o[el.name] = el.value;
  }
  return o;
}

export const today = () => new Date().toISOString().slice(0, 10);
