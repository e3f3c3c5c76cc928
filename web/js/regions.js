// regions.js — region names for region codes (行政区划代码), the same rules as
// src/util/region.c (docs/regions.md): the full name province → county ("江苏省无锡市锡山区",
// "北京市朝阳区"), a 2/4-digit prefix as its padded code ("32" → 江苏省), a code the 2024
// table lacks kept with a note ("320103（旧代码）"). loadRegions() fetches /api/regions once;
// regionLabel() is synchronous and falls back to the code until the table is loaded.
import { get } from './api.js';

let table = null;
let loading = null;

export function loadRegions() {
  if (table) return Promise.resolve(table);
  if (!loading) {
    loading = get('/api/regions').then((rows) => { table = new Map(rows); return table; })
      .catch((e) => { loading = null; throw e; });
  }
  return loading;
}

const pad = (c) => (c + '000000').slice(0, 6);

export function regionOwnName(code) {
  if (!table || !/^(\d{2}|\d{4}|\d{6})$/.test(code || '')) return null;
  return table.get(pad(code)) || null;
}

export function regionLabel(code) {
  if (!code) return '';
  if (!table || !/^(\d{2}|\d{4}|\d{6})$/.test(code)) return code;
  const c = pad(code);
  const own = table.get(c);
  if (!own) {
    const prov = table.get(code.slice(0, 2) + '0000');
    return code.length === 4 && prov ? `${prov}（${code}）` : `${code}（旧代码）`;
  }
  const level = c.endsWith('0000') ? 'p' : c.endsWith('00') ? 'f' : 'c';
  const p = level === 'p' ? '' : table.get(c.slice(0, 2) + '0000') || '';
  const f = level === 'c' ? table.get(c.slice(0, 4) + '00') || '' : '';
  return p + f + own;
}

// "江苏省无锡市锡山区（320205）": the name with the code, for lists and detail pages.
export function regionWithCode(code) {
  const l = regionLabel(code);
  return l && l !== code && !l.includes(code) ? `${l}（${code}）` : l;
}

// A <datalist> of provinces and prefectures (optionally under a prefix) for a region
// filter input: the option's value is the code, its label the name.
export function regionDatalist(id, under) {
  const dl = document.createElement('datalist');
  dl.id = id;
  if (!table) return dl;
  for (const [c, n] of table) {
    if (!c.endsWith('00') || (under && !c.startsWith(under))) continue;
    const o = document.createElement('option');
    const code = c.endsWith('0000') ? c.slice(0, 2) : c.slice(0, 4);
    o.value = code;
    o.label = regionLabel(code) || n;
    dl.append(o);
  }
  return dl;
}
