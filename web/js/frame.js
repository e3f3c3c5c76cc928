// frame.js — the page frame every page of the UI shares: the header (brand, #who) and the
// platform's navigation (#nav), built with DOM calls before the page's own module runs
// (import it first). The page names itself in <body data-page="…">: "app" is the hash
// router of index.html (its nav starts hidden and app.js marks the active item by
// data-nav); the other pages mark their own item active and link back to the router.
import { h } from './dom.js';

// label, the router's hash path (or a page's own address), the router's nav id; app:
// only in the router's nav; admin: shown to admins only (app.js).
const ITEMS = [
  { t: '工作概览', hash: '/', nav: 'overview' },
  { t: '监督线索', hash: '/leads', nav: 'leads' },
  { t: '监督案件', hash: '/cases', nav: 'cases' },
  { t: '期限与逾期', hash: '/due', nav: 'due', app: true },
  { t: '典型案例', hash: '/library', nav: 'library' },
  { t: '巡回检察', href: '/inspections.html', page: 'inspections' },
  { t: '派驻检察与控告申诉', href: '/office.html', page: 'office' },
  { t: '工作报告', href: '/report.html', page: 'report' },
  { t: '文书审核', href: '/review.html', page: 'review' },
  { t: '数据导入', href: '/import.html', page: 'import' },
  { t: '账户管理', hash: '/accounts', nav: 'accounts', app: true, admin: true },
  { t: '审计日志', hash: '/audit', nav: 'audit', app: true, admin: true },
];

function link(it, page) {
  const inApp = page === 'app';
  if (it.href) return h('a', { href: it.href, class: it.page === page ? 'active' : null }, it.t);
  return h('a', { href: (inApp ? '#' : '/#') + it.hash, 'data-nav': inApp ? it.nav : null, 'data-admin': it.admin }, it.t);
}

export function renderFrame(page) {
  const inApp = page === 'app';
  const header = h('header', { id: 'top' },
    h('div', { class: 'brand' }, h('span', { class: 'logo' }, '检'), h('span', {}, '智检 · 刑事执行检察监督平台')),
    h('div', { id: 'who' }));
  const nav = h('nav', { id: 'nav', hidden: inApp }, ITEMS.filter((it) => inApp || !it.app).map((it) => link(it, page)));
  const shell = document.getElementById('shell');
  shell.before(header);
  shell.prepend(nav);
}

renderFrame(document.body.dataset.page || 'app');
