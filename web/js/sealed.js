// sealed.js — sealed juvenile records (犯罪记录封存, law.md J-03): the 已封存 mark, and the
// page that asks for the purpose of a read before a sealed person's record opens.
import { post } from './api.js';
import { h, field } from './dom.js';

export const sealedBadge = (o) => (o && o.sealed ? h('span', { class: 'badge sealed', title: '犯罪记录已依法封存' }, '已封存') : null);

// The answer 403 purpose_required of a route: ask for the purpose, state it for the
// session (POST /api/sealed/{person}/purpose), then run the page again (retry).
export function purposePage(main, body, retry) {
  const purposes = body.purposes || ['办案需要'];
  const choice = h('select', { name: 'purpose', id: 'purpose-choice' },
    purposes.map((p) => h('option', { value: p }, p)), h('option', { value: '' }, '其他（请填写）'));
  const other = h('input', { name: 'purpose_other', id: 'purpose-other', maxlength: 40, size: 30, placeholder: '查阅事由' });
  const err = h('p', { class: 'error', id: 'purpose-error' });
  const form = h('form', { class: 'card purpose', id: 'purpose-form' },
    h('h1', {}, '查阅已封存的犯罪记录'),
    h('p', {}, body.message || '该人员的犯罪记录已依法封存，查阅须说明事由。'),
    h('p', { class: 'small muted' }, '根据《中华人民共和国刑事诉讼法》第二百八十六条，犯罪的时候不满十八周岁、被判处五年有期徒刑以下刑罚的，应当对相关犯罪记录予以封存。查阅事由将记入审计日志。'),
    field('查阅事由', choice), field('其他事由', other),
    h('div', { class: 'button-row' },
      h('button', { type: 'submit', class: 'primary', id: 'purpose-submit' }, '确认查阅'),
      h('button', { type: 'button', onclick: () => history.back() }, '返回')),
    err);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const purpose = (choice.value || other.value).trim();
    if (!purpose) { err.textContent = '请说明查阅事由。'; return; }
    try {
      await post(`/api/sealed/${encodeURIComponent(body.person_id)}/purpose`, { purpose });
      retry();
    } catch (e) { err.textContent = '无法记录查阅事由：' + e.message; }
  });
  main.replaceChildren(form);
}
