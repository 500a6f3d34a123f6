// The live dashboard of `issuetrack serve`. It reads the same JSON routes as any script
// (/api/status, /api/runs, /api/issues, POST /api/tasks/*) and writes every outside text with
// textContent, never as HTML. No framework, no build step, nothing fetched from elsewhere.

import { change, duration, sparkline, when } from './dashboard-format.js';

const TOKEN_KEY = 'issuetrack-token';
const $ = (id) => document.getElementById(id);
let busy = false; // a run holds the worker
let starting = false; // a POST is on its way
let lastRunId = null;

/** A request to our own API with the tab's token; a 401 asks for the token once. */
async function api(path, init = {}) {
  const headers = { accept: 'application/json', ...(init.headers ?? {}) };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) {
    askToken(token ? 'That token was refused.' : '');
    throw new Error('unauthorised');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(reason(body, response));
  return body;
}

/** What a refusal says: FastAPI's `detail`, else fastify's `message`, else the status line. */
function reason(body, response) {
  const detail = body?.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) return detail.map((d) => d.msg ?? JSON.stringify(d)).join('; ');
  return body?.message ?? `${response.status} ${response.statusText}`;
}

function askToken(error) {
  $('main').hidden = true;
  $('token-form').hidden = false;
  $('token-error').textContent = error;
  $('connection').textContent = 'Waiting for the API token.';
  $('token').focus();
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('token').value = '';
  $('token-form').hidden = true;
  refresh();
});

const el = (tag, text, cls) => {
  const node = document.createElement(tag);
  if (text != null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
};

function renderWorker(w) {
  busy = w.status === 'running' && !w.stale;
  const badge = $('worker-status');
  badge.textContent = w.stale ? 'stale' : w.status;
  badge.className = `badge ${w.status}`;
  $('worker-task').textContent = w.task ? `${w.task}${w.run_id ? ` · ${w.run_id}` : ''}` : '';
  const bar = $('worker-progress');
  const p = w.progress;
  if (busy && (p?.percent == null)) bar.removeAttribute('value'); // indeterminate: it works, total unknown
  else bar.value = busy ? p.percent : w.status === 'completed' ? 100 : (p?.percent ?? 0);
  const parts = [];
  if (p?.phase) parts.push(`${p.phase}${p.done != null ? ` ${p.done}${p.total ? `/${p.total}` : ''}` : ''}${p.message ? ` ${p.message}` : ''}`);
  if (w.started_at) parts.push(`started ${when(w.started_at)}`);
  if (!busy && w.finished_at) parts.push(`finished ${when(w.finished_at)}`);
  if (w.error) parts.push(`error: ${w.error}`);
  $('worker-detail').textContent = parts.join(' · ');
  for (const button of document.querySelectorAll('button[data-task]')) {
    button.disabled = busy || starting;
    button.title = busy ? `Busy: ${w.task ?? 'a task'} is running` : '';
  }
}

function renderJobs(jobs) {
  $('jobs').replaceChildren(
    ...jobs.map((job) => {
      const tr = el('tr');
      const state = el('td');
      if (job.overdue) state.append(el('span', 'overdue', 'badge overdue'));
      else if (job.enabled === false) state.append(el('span', 'disabled', 'badge'));
      else state.append(el('span', job.last_run ? job.last_run.status : 'never run', `badge ${job.last_run?.status ?? ''}`));
      tr.append(el('td', job.name), el('td', job.schedule), el('td', job.next_run ? when(job.next_run) : '-'), el('td', job.last_run ? when(job.last_run.started_at) : 'never'), state);
      return tr;
    }),
  );
}

function renderRuns(runs) {
  if (runs.length === 0) {
    const none = el('td', 'No runs yet.', 'muted');
    none.colSpan = 5;
    $('runs').replaceChildren(el('tr'));
    $('runs').firstChild.append(none);
    return;
  }
  $('runs').replaceChildren(
    ...runs.map((run) => {
      const tr = el('tr');
      const status = el('td');
      status.append(el('span', run.status, `badge ${run.status}`));
      tr.append(el('td', run.task), status, el('td', when(run.started_at)), el('td', duration(run.duration_ms), 'n'), el('td', run.error ?? ''));
      tr.dataset.runId = run.run_id;
      return tr;
    }),
  );
}

function renderThemes(themes) {
  const sorted = [...themes].sort((a, b) => Number(b.rising) - Number(a.rising));
  $('themes-empty').hidden = sorted.length > 0;
  $('themes').replaceChildren(
    ...sorted.map((t) => {
      const tr = el('tr');
      tr.dataset.themeId = String(t.id);
      const name = el('td');
      const open = el('button', t.title, 'link');
      open.type = 'button';
      open.addEventListener('click', () => showTheme(t.id));
      name.append(open);
      if (t.rising) name.append(' ', el('span', '▲ rising', 'rising'));
      const spark = el('td');
      spark.append(sparkline(t.daily_14d ?? []));
      tr.append(name, el('td', t.category), el('td', t.count, 'n'), el('td', change(t.count, t.expected), 'n'), spark);
      return tr;
    }),
  );
}

async function showTheme(id) {
  try {
    const d = await api(`/api/issues/${encodeURIComponent(id)}`);
    $('detail-h').textContent = `#${d.id} ${d.title}`;
    $('detail-facts').textContent = [d.category, d.component, `${d.count} tickets in 7 days`, `${d.ticket_count} all time`, d.rising ? 'rising' : ''].filter(Boolean).join(' · ');
    $('detail-description').textContent = d.description ?? '';
    $('detail-samples').replaceChildren(
      ...d.samples.map((s) => {
        const li = el('li');
        const ref = s.url ? Object.assign(el('a', `#${s.ticket_id}`), { href: s.url, rel: 'noreferrer', target: '_blank' }) : el('span', `#${s.ticket_id}`);
        li.append(ref, ` ${s.subject || s.title} `, el('span', `· ${when(s.created_at)} · ${s.severity}`, 'muted'));
        return li;
      }),
    );
    if (d.samples.length === 0) $('detail-samples').replaceChildren(el('li', 'none'));
    $('detail').hidden = false;
    $('detail').focus();
  } catch (error) {
    $('task-message').textContent = `Could not load theme ${id}: ${error.message}`;
  }
}

async function start(task) {
  starting = true;
  document.querySelectorAll('button[data-task]').forEach((b) => (b.disabled = true));
  $('task-message').className = '';
  try {
    const body = await api(`/api/tasks/${task}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    lastRunId = body?.run_id ?? null;
    $('task-message').textContent = `Started ${task}${lastRunId ? ` (run ${lastRunId})` : ''}.`;
  } catch (error) {
    $('task-message').className = 'error';
    $('task-message').textContent = `${task} was not started: ${error.message}`;
  } finally {
    starting = false;
    refresh();
  }
}

for (const button of document.querySelectorAll('button[data-task]')) button.addEventListener('click', () => start(button.dataset.task));

let timer = null;
let themesAt = 0;
async function refresh() {
  clearTimeout(timer);
  try {
    const [status, runs] = await Promise.all([api('/api/status'), api('/api/runs?limit=10')]);
    const wasBusy = busy;
    renderWorker(status.worker);
    renderJobs(status.jobs ?? []);
    renderRuns(runs);
    // Themes change only when a run ends (one we watched, or one we started that was over
    // before a poll saw it running): reload them then, and once a minute.
    const ours = lastRunId && runs.find((run) => run.run_id === lastRunId);
    const oursEnded = ours && ours.status !== 'running';
    if (oursEnded) lastRunId = null;
    if ((wasBusy && !busy) || oursEnded || Date.now() - themesAt > 60_000) {
      renderThemes(await api('/api/issues?limit=50'));
      themesAt = Date.now();
    }
    $('main').hidden = false;
    $('connection').textContent = `Updated ${new Date().toLocaleTimeString()}.`;
  } catch (error) {
    if (error.message === 'unauthorised') return;
    $('connection').textContent = `Cannot reach the server: ${error.message}. Retrying.`;
  }
  timer = setTimeout(refresh, busy ? 1000 : 5000);
}

refresh();
