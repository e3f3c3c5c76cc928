// import_page.js — 数据导入 (docs/import.md): a clerk (数据管理员) or admin uploads the
// spreadsheets of source systems (.xlsx, .xls, .csv with the systems' Chinese headers),
// picks the profile or lets the headers choose it, watches the upload's progress and then
// the import job's (queued behind the files uploaded before it, then file, data, rows of the
// estimated total; GET /api/import/jobs/{id}), sees the summary per feed and every rejected
// row with its place (sheet, row, column) and reason in Chinese, downloads the rejects as
// .xlsx, and uploads the corrected file under the same name (its rejects replace the earlier
// ones). Several files may be uploaded in a row: each waits its turn in the queue (导入队列,
// GET /api/import/jobs: the jobs of the account and of those within its scope, kept after a
// restart of the server), refreshed when one of the page's jobs changes state.
import { get, ApiError } from './api.js';
import { h } from './dom.js';
import { boot, card, field, showError, table } from './office_common.js';

const FEED = {
  persons: '人员', judgments: '生效裁判', custody: '羁押与在押变动', sentence_changes: '减刑假释暂予监外执行',
  corrections: '社区矫正', restraints: '禁闭与戒具', property: '财产性判项',
  record_queries: '犯罪记录查询', seizures: '涉案财物查封扣押冻结', proposals: '提请减刑假释暂予监外执行',
};

const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

const STATE = { queued: '排队中', running: '正在导入', done: '已完成', failed: '失败' };

// The import job's place in the queue, then its progress (file → data, rows done of the
// estimated total) on the bar and the state line, polled every second until the job is
// over; changed() when its state changes; resolves with {status, body}: the job's result as
// the synchronous upload answers it.
async function follow(job, bar, state, changed) {
  let last = null;
  for (;;) {
    const j = await get('/api/import/jobs/' + job);
    if (j.state !== last) { last = j.state; changed(); }
    if (j.state === 'done' || j.state === 'failed') return { status: j.status, body: j.result || {} };
    if (j.state === 'queued') {
      state.textContent = `${j.file} 已上传，排队等待导入（前面还有 ${j.ahead} 个文件）…`;
    } else if (j.what) {
      const [file, feed] = j.what.split(' → ');
      const pct = j.total > j.done ? Math.round((100 * j.done) / j.total) : null;
      if (pct !== null) bar.value = pct; else bar.removeAttribute('value');
      state.textContent = `正在导入 ${file}：${FEED[feed] || feed}，已处理 ${j.done} 行` +
        (pct !== null ? `（约 ${j.total} 行中的 ${pct}%）` : '') + '…';
    }
    await wait(1000);
  }
}

// XMLHttpRequest for the upload's progress (fetch has none); the server stores the file and
// answers 202 with the import job at once (queued when others are before it); resolves with
// {job, status, body}: the job's id, or the refusal of the upload (400, 503 when the queue is
// full) and no job.
function send(file, profile, csrf, bar, state) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('POST', `/api/import/upload?name=${encodeURIComponent(file.name)}&profile=${encodeURIComponent(profile)}`);
    x.setRequestHeader('Content-Type', 'application/octet-stream');
    x.setRequestHeader('X-CSRF-Token', csrf);
    x.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total); };
    x.upload.onload = () => { // sent: the server stores it and starts the import
      bar.removeAttribute('value');
      state.textContent = `${file.name} 已上传，等待导入…`;
    };
    x.onload = () => {
      let body = {};
      try { body = JSON.parse(x.responseText); } catch (e) { /* not JSON */ }
      resolve({ job: x.status === 202 ? body.job : null, status: x.status, body });
    };
    x.onerror = () => reject(new Error('网络错误，上传未完成'));
    x.send(file);
  });
}

function summary(res) {
  return h('div', { class: 'summary', id: 'summary' },
    h('p', {}, `文件 ${res.file}，模板：${res.profile_label}（${res.profile}）`,
      res.refused ? h('strong', { class: 'error' }, '　有工作表整体未导入，见下方退回数据') : ''),
    table([
      { t: '数据', f: (c) => FEED[c.feed] || c.feed },
      { t: '读取', cls: 'num', f: (c) => String(c.read) },
      { t: '新增', cls: 'num', f: (c) => String(c.loaded) },
      { t: '更新', cls: 'num', f: (c) => String(c.replaced) },
      { t: '未变', cls: 'num', f: (c) => String(c.unchanged) },
      { t: '退回', cls: 'num', f: (c) => String(c.rejected) },
    ], res.feeds, '没有读取到数据'),
    res.messages.length ? h('ul', { class: 'small muted', id: 'messages' }, res.messages.map((m) => h('li', {}, m))) : '');
}

async function showRejects(name, box) {
  const rows = await get('/api/import/rejects?file=' + encodeURIComponent(name));
  box.replaceChildren(card(`退回数据（${rows.length} 行）`,
    rows.length ? h('p', {}, h('a', { id: 'rejects-xlsx', href: '/api/import/rejects.xlsx?file=' + encodeURIComponent(name) }, '下载退回数据（Excel）'),
      '　请在原文件中改正这些行后，以同一文件名重新上传。') : h('p', { class: 'notice ok', id: 'no-rejects' }, '没有退回的数据。'),
    table([
      { t: '数据', f: (x) => FEED[x.feed] || x.feed },
      { t: '位置', f: (x) => x.where },
      { t: '原因', f: (x) => x.reason_zh },
      { t: '原始数据', cls: 'small raw', f: (x) => x.raw },
    ], rows, '')));
  box.querySelector('table')?.setAttribute('id', 'rejects');
}

// One job's line in the queue: its place or progress, or its summary or error.
function jobNote(j) {
  if (j.state === 'queued') return `前面还有 ${j.ahead ?? '?'} 个文件`;
  if (j.state === 'running') return j.done ? `已处理 ${j.done} 行` + (j.total > j.done ? `（约 ${j.total} 行）` : '') : '';
  const r = j.result || {};
  if (j.state === 'failed') return r.message || `HTTP ${j.status}`;
  const sum = (k) => (r.feeds || []).reduce((a, c) => a + c[k], 0);
  return `读取 ${sum('read')}，新增 ${sum('loaded')}，更新 ${sum('replaced')}，未变 ${sum('unchanged')}，退回 ${sum('rejected')}` +
    (r.refused ? '，有工作表整体未导入' : '');
}

// 导入队列: the jobs the account may see, newest first.
async function showJobs(box) {
  const jobs = await get('/api/import/jobs?limit=20');
  box.replaceChildren(table([
    { t: '编号', cls: 'num', f: (j) => String(j.job) },
    { t: '文件', f: (j) => j.file },
    { t: '上传人', f: (j) => j.account },
    { t: '状态', f: (j) => h('span', { class: 'state-' + j.state }, STATE[j.state] || j.state) },
    { t: '进度或结果', cls: 'small', f: jobNote },
    { t: '上传时间', cls: 'small', f: (j) => new Date(j.queued).toLocaleString('zh-CN', { hour12: false }) },
  ], jobs, '还没有导入记录'));
  box.querySelector('table')?.setAttribute('id', 'jobs');
}

async function main() {
  const me = await boot();
  const main = document.getElementById('main');
  if (me.role !== 'clerk' && me.role !== 'admin') {
    main.replaceChildren(card('数据导入', h('p', { class: 'notice error' }, '仅数据管理员或管理员可以导入数据。')));
    return;
  }
  const profiles = await get('/api/profiles');
  const sel = h('select', { id: 'profile' }, h('option', { value: 'auto' }, '按表头自动识别'),
    profiles.map((p) => h('option', { value: p.name }, `${p.label}（${p.name}）`)));
  const input = h('input', { type: 'file', id: 'file', accept: '.xlsx,.xls,.csv' });
  const btn = h('button', { type: 'button', class: 'primary', id: 'upload' }, '上传并导入');
  const bar = h('progress', { id: 'progress', max: 100, hidden: true });
  const state = h('p', { id: 'state', class: 'small muted' });
  const result = h('div', { id: 'result' });
  const rejects = h('div', { id: 'rejects-box' });
  const jobsBox = h('div', { id: 'jobs-box' });
  const refreshJobs = () => showJobs(jobsBox).catch((e) => showError(jobsBox, e));
  const refresh = h('button', { type: 'button', id: 'jobs-refresh' }, '刷新');
  refresh.addEventListener('click', refreshJobs);
  let following = 0;
  btn.addEventListener('click', async () => {
    const f = input.files[0];
    if (!f) return;
    btn.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    state.textContent = `正在上传 ${f.name}（${Math.max(1, Math.round(f.size / 1024))} KB）…`;
    result.replaceChildren();
    rejects.replaceChildren();
    let sent;
    try {
      sent = await send(f, sel.value, me.csrf, bar, state);
    } catch (e) {
      showError(result, e);
      btn.disabled = false;
      bar.hidden = !following;
      return;
    }
    btn.disabled = false; // the next file may be uploaded: it waits its turn in the queue
    input.value = '';
    if (!sent.job) {
      state.textContent = '';
      bar.hidden = !following;
      result.replaceChildren(h('p', { class: 'notice error', id: 'upload-error' }, `${f.name}：${sent.body.message || ('HTTP ' + sent.status)}`));
      return;
    }
    following++;
    try {
      const { status, body } = await follow(sent.job, bar, state, refreshJobs);
      if (status !== 200) {
        state.textContent = '';
        result.replaceChildren(h('p', { class: 'notice error', id: 'upload-error' }, `${f.name}：${body.message || ('HTTP ' + status)}`));
        return;
      }
      state.textContent = `${f.name} 已导入。`;
      result.replaceChildren(summary(body));
      await showRejects(f.name, rejects);
    } catch (e) { showError(result, e); } finally { following--; bar.hidden = !following; }
  });
  main.replaceChildren(
    card('数据导入', h('p', { class: 'small muted' },
      '监狱、看守所、社区矫正机构和法院系统导出的表格（.xlsx、.xls 或 .csv）。表头之上的标题行可以保留；日期、刑期、身份证号等按常见写法识别，识别不了的单元格连同位置和原因一起退回。可以连续上传多个文件，按上传顺序逐个导入。'),
      h('div', { class: 'filters' }, field('文件', input), field('模板', sel), btn), bar, state),
    result, rejects,
    card('导入队列', h('p', { class: 'small muted' }, '本账号及辖区内账号上传的文件，按上传顺序逐个导入；服务器重启后记录仍在。', refresh), jobsBox),
    card('模板', table([
      { t: '模板', f: (p) => p.label },
      { t: '名称', f: (p) => p.name },
      { t: '导入为', f: (p) => p.feeds.map((x) => FEED[x] || x).join('、') },
      { t: '说明', cls: 'small', f: (p) => p.description || '' },
    ], profiles)));
  await refreshJobs();
}

main().catch((e) => { if (!(e instanceof ApiError && e.status === 401)) showError(document.getElementById('main'), e); });
