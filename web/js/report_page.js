// report_page.js — the work report in the web UI (一图读懂): the period/region form, then
// the report of GET /api/report?format=html (the same self-contained page as
// `zhijian report`, charts as inline SVG) inserted under #report without its inline
// style (the page's CSP allows only style sheets of the site; office.css styles it),
// and links to the printable page, Markdown and the JSON with every query's count.
import { boot, field, showError } from './office_common.js';
import { h } from './dom.js';
import { regionDatalist } from './regions.js';

function params(form) {
  const u = new URLSearchParams();
  for (const el of form.elements) if (el.name && el.value) u.set(el.name, el.value);
  return u;
}

async function load(form, out, links) {
  const u = params(form);
  u.set('format', 'html');
  out.replaceChildren(h('p', { class: 'muted' }, '正在生成报告…'));
  const res = await fetch('/api/report?' + u.toString(), { credentials: 'same-origin' });
  if (!res.ok) {
    let msg = 'HTTP ' + res.status;
    try { msg = (await res.json()).message || msg; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  // drop the page's own <style> before parsing: even an inert document would report it
  // as a CSP violation; office.css carries the same rules
  const text = (await res.text()).replace(/<style>[\s\S]*?<\/style>/, '');
  const doc = new DOMParser().parseFromString(text, 'text/html');
  const kids = [...doc.body.childNodes].filter((n) => n.nodeName !== 'STYLE' && n.nodeName !== 'SCRIPT');
  out.replaceChildren(...kids.map((n) => document.importNode(n, true)));
  const mk = (fmt, text) => {
    const v = params(form);
    v.set('format', fmt);
    return h('a', { class: 'button', href: '/api/report?' + v.toString(), target: '_blank', rel: 'noopener' }, text);
  };
  links.replaceChildren(mk('html', '可打印版'), ' ', mk('md', 'Markdown'), ' ', mk('json', '指标与查询（JSON）'));
}

async function main() {
  const me = await boot();
  const mainEl = document.getElementById('main');
  const y = new Date().getFullYear();
  const [scopeKind, scopeValue] = String(me.scope || 'country').split(':');
  const region = scopeKind === 'region' ? scopeValue : '';
  const form = h('form', { class: 'filters', id: 'report-form' },
    field('起始日期', h('input', { type: 'date', name: 'from', value: `${y}-01-01` })),
    field('截止日期', h('input', { type: 'date', name: 'to', value: new Date().toISOString().slice(0, 10) })),
    field('对比基年', h('input', { type: 'number', name: 'base_year', min: 1990, max: 2100,
      placeholder: `${y - 1}（同比）`, title: '留空为上年同期（同比）；填写其他年份时报告写作“比××××年上升……”' })),
    field('地区代码', h('input', { type: 'text', name: 'region', value: region, pattern: '[0-9]{0,6}', placeholder: '全国', list: 'report-regions' })),
    regionDatalist('report-regions', region),
    h('button', { type: 'submit', class: 'primary' }, '生成报告'));
  const links = h('div', { class: 'button-row' });
  const out = h('div', { id: 'report' });
  mainEl.replaceChildren(
    h('div', { class: 'page-title' }, h('h1', {}, '工作报告'), h('div', { class: 'actions' }, links)),
    form, out);
  if (scopeKind === 'facility') {
    out.replaceChildren(h('p', { class: 'notice' }, '工作报告按地区统计，需要地区或全国范围的账户。'));
    return;
  }
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load(form, out, links).catch((e) => showError(out, e));
  });
  const q = new URLSearchParams(location.search);
  for (const k of ['from', 'to', 'region', 'base_year']) if (q.get(k)) form.elements[k].value = q.get(k);
  await load(form, out, links).catch((e) => showError(out, e));
}

main().catch((e) => showError(document.getElementById('main'), e));
