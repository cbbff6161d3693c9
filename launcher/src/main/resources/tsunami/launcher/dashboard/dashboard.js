// The Tsunami dashboard page: polls the launcher's read-only JSON every 2 s and draws it.
// Curves are uPlot's (from its WebJar); every text from a run is set as text, never as HTML.
'use strict';

const POLL_MS = 2000;
const CURVES = [
  ['win_rate', 'win rate (recent training games)'],
  ['mean_return', 'mean return per episode'],
  ['policy_loss', 'policy loss'],
  ['value_loss', 'value loss'],
  ['entropy', 'policy entropy'],
  ['frames_per_s', 'frames simulated per second'],
  ['policy_lag_median', 'policy lag (median, versions)'],
];
const COLORS = ['#e63946', '#1d3557', '#2a9d8f', '#f4a261', '#6a4c93', '#8d99ae', '#e9c46a', '#264653'];
const MAX_DEFAULT_RUNS = 6;

const state = { entries: [], train: new Set(), view: null, started: false, auto: true, charts: {}, chartKey: null };

/** A DOM element: attributes (on* are listeners), then children (strings become text nodes). */
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const k of kids.flat(Infinity)) {
    if (k === null || k === undefined || k === false) continue;
    e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  }
  return e;
}

async function getJson(url) {
  const r = await fetch(url, { credentials: 'same-origin', cache: 'no-store' });
  if (!r.ok && r.status !== 404) throw new Error(url + ': HTTP ' + r.status);
  return r.json();
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  if (p.has('train')) state.train = new Set(p.get('train').split(',').filter(Boolean));
  if (p.has('view')) state.view = p.get('view') || null;
  return p.has('train') || p.has('view');
}

function writeHash() {
  const p = new URLSearchParams();
  p.set('train', [...state.train].join(','));
  if (state.view) p.set('view', state.view);
  history.replaceState(null, '', '#' + p.toString());
}

function shortName(name) {
  const parts = name.split('/').filter(Boolean);
  return parts.length ? parts[parts.length - 1] : name;
}

// ------------------------------------------------------------------ the list of folders

function renderNav() {
  const nav = document.getElementById('entries');
  nav.replaceChildren();
  const groups = [['train', 'Training runs'], ['tournament', 'Tournaments'], ['match', 'Matches'], ['problem', 'Cannot show']];
  for (const [kind, title] of groups) {
    const items = state.entries.filter(e => kind === 'problem' ? e.problem : (e.kind === kind && !e.problem));
    if (!items.length) continue;
    nav.append(el('h3', {}, title));
    for (const e of items) {
      if (kind === 'train') {
        const box = el('input', { type: 'checkbox', 'data-id': e.id, checked: state.train.has(e.id), onchange: () => {
          if (box.checked) state.train.add(e.id); else state.train.delete(e.id);
          state.auto = false;
          writeHash();
          tick();
        } });
        nav.append(el('label', { title: e.name }, box, ' ', shortName(e.name)));
      } else {
        nav.append(el('a', { href: '#', class: state.view === e.id ? 'selected' : null, title: e.problem || e.name, 'data-id': e.id,
          onclick: ev => {
            ev.preventDefault();
            state.view = state.view === e.id ? null : e.id;
            state.auto = false;
            writeHash();
            tick();
          } },
          kind === 'problem' ? '⚠ ' + e.name : shortName(e.name)));
      }
    }
  }
  if (!state.entries.length) nav.append(el('p', { class: 'muted' }, 'No folders.'));
}

// ------------------------------------------------------------------ training

/** One x axis for several runs: the union of their frames, each run's values where it has them. */
function align(tables) {
  const xs = [...new Set(tables.flatMap(t => t[0]))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const data = [xs];
  for (const [tx, ty] of tables) {
    const ys = new Array(xs.length).fill(null);
    tx.forEach((x, i) => { ys[at.get(x)] = ty[i]; });
    data.push(ys);
  }
  return data;
}

function renderTraining(runs) {
  const section = document.getElementById('training');
  section.hidden = runs.length === 0;
  const drawable = runs.filter(r => r.curves);
  const key = drawable.map(r => r.id).join('\n');
  const charts = document.getElementById('charts');
  if (key !== state.chartKey) {
    for (const c of Object.values(state.charts)) c.plot.destroy();
    state.charts = {};
    charts.replaceChildren();
    state.chartKey = key;
    if (drawable.length) {
      for (const [column, title] of CURVES) {
        const box = el('div', { class: 'chart', id: 'chart-' + column, 'data-points': 0 });
        charts.append(box);
        const opts = {
          title, width: Math.max(320, box.clientWidth - 8), height: 170, legend: { show: false },
          scales: { x: { time: false } },
          axes: [{ label: 'frames learned' }, { size: 64 }],
          series: [{ label: 'frames' }].concat(drawable.map((r, i) => ({
            label: shortName(r.name), stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
            points: { size: 4 },
          }))),
        };
        state.charts[column] = { box, plot: new uPlot(opts, align(drawable.map(() => [[], []])), box) };
      }
    }
  }
  for (const [column] of CURVES) {
    const c = state.charts[column];
    if (!c) continue;
    const tables = drawable.map(r => [r.curves.frames, r.curves[column] || r.curves.frames.map(() => null)]);
    const data = align(tables);
    c.plot.setData(data);
    c.box.dataset.points = data.slice(1).reduce((n, ys) => n + ys.filter(v => v !== null).length, 0);
  }
  document.getElementById('legend').replaceChildren(...drawable.map((r, i) =>
    el('span', { class: 'key' }, el('span', { class: 'swatch', style: 'background:' + COLORS[i % COLORS.length] }), shortName(r.name))));
  // running runs first: their process trees are what changes
  const live = r => (r.status && r.status.liveness === 'running' ? 0 : 1);
  const panels = document.getElementById('runs');
  panels.replaceChildren(...[...runs].sort((a, b) => live(a) - live(b)).map(runPanel));
}

function runPanel(r) {
  const p = el('div', { class: 'panel', 'data-id': r.id });
  p.append(el('h2', {}, r.name, ' ', statusBadge(r.status)));
  if (r.problem) p.append(el('p', { class: 'problem' }, r.problem));
  if (r.config) {
    const c = r.config;
    p.append(el('p', { class: 'muted' }, [c.scenario && 'scenario ' + c.scenario, c.opponent && 'vs ' + c.opponent, c.teacher && 'teacher ' + c.teacher,
      c.limit && 'limit ' + c.limit, 'rows ' + r.rows, c.started_at && 'started ' + c.started_at].filter(Boolean).join(' · ')));
  }
  if (r.summary) p.append(el('details', {}, el('summary', {}, 'summary.txt'), el('pre', {}, r.summary)));
  p.append(processTree(r.status));
  return p;
}

function statusBadge(s) {
  if (!s) return el('span', { class: 'muted' }, '(no status file: not running, or from before the dashboard)');
  if (s.problem) return el('span', { class: 'problem' }, s.problem);
  const cls = { running: 'ok', stopped: 'muted', gone: 'problem', 'not answering': 'warn' }[s.liveness] || 'muted';
  const what = { running: 'running', stopped: 'stopped', gone: 'gone: its process (pid ' + s.pid + ') is not running', 'not answering': 'not answering' }[s.liveness];
  return el('span', { class: cls, 'data-liveness': s.liveness }, '● ' + what + ' (updated ' + Math.round(s.age_ms / 1000) + ' s ago)');
}

function processTree(s) {
  if (!s || s.problem || !s.trees) return el('span');
  const wrap = el('div', {});
  const nodes = s.node ? 'node ' + s.node + (s.connected_nodes && s.connected_nodes.length ? ', connected to ' + s.connected_nodes.join(', ')
    : ', no other nodes') : '';
  wrap.append(el('p', {}, el('b', {}, 'Supervision tree'), ' ', el('span', { class: 'muted' },
    [nodes, s.process_count !== undefined ? s.process_count + ' processes' : ''].filter(Boolean).join(' · '))));
  if (!s.trees.length) {
    wrap.append(el('p', { class: 'muted' }, s.liveness === 'running' ? 'starting…' : 'no processes (the run is not running)'));
    return wrap;
  }
  const t = el('table', { class: 'tree' }, el('tr', {}, el('th', { class: 'name' }, 'process'), el('th', {}, 'pid'), el('th', {}, 'kind'),
    el('th', {}, 'state'), el('th', {}, 'mailbox'), el('th', {}, 'restarts'), el('th', { class: 'name' }, 'last exit')));
  const walk = (n, depth) => {
    const kind = n.type === 'supervisor' ? 'supervisor ' + n.strategy : 'worker' + (n.restart ? ' ' + n.restart : '');
    t.append(el('tr', { 'data-process': n.id },
      el('td', { class: 'tree' }, '  '.repeat(depth) + n.id), el('td', {}, n.pid || '–'), el('td', {}, kind),
      el('td', { class: n.state === 'down' ? 'problem' : null }, n.state), el('td', {}, n.mailbox),
      el('td', { class: n.restarts > 0 ? 'warn' : null }, n.restarts), el('td', { class: 'name' }, n.last_exit || '')));
    for (const c of n.children || []) walk(c, depth + 1);
  };
  for (const root of s.trees) walk(root, 0);
  wrap.append(t);
  return wrap;
}

// ------------------------------------------------------------------ matches and tournaments

function renderMatch(v) {
  const section = document.getElementById('match');
  section.hidden = !v;
  if (!v) return;
  let body = document.getElementById('match-body');
  if (!body) {
    body = el('div', { id: 'match-body' });
    section.append(body, el('div', { id: 'viewer' }));
  }
  const out = [el('h2', {}, (v.kind || '') + ' ' + v.name)];
  if (v.problem) {
    out.push(el('p', { class: 'problem', id: 'problem' }, v.problem));
    body.replaceChildren(...out);
    return;
  }
  const planned = v.games_planned ? ' of ' + v.games_planned : '';
  out.push(el('p', { class: 'muted' }, [v.scenario && 'scenario ' + v.scenario, v.games_played + planned + ' games played'].filter(Boolean).join(' · ')));
  if (v.status) out.push(el('p', {}, statusBadge(v.status)), processTree(v.status), botProcesses(v.status));
  if (v.ratings) {
    const t = el('table', {}, el('tr', {}, ['rank', 'bot', 'rating', '95% interval', 'won', 'drawn', 'lost'].map(h => el('th', {}, h))));
    v.ratings.forEach((r, i) => t.append(el('tr', {}, el('td', {}, i + 1), el('td', { class: 'name' }, r.bot), el('td', {}, signed(r.elo)),
      el('td', {}, signed(r.low95) + ' .. ' + signed(r.high95)), el('td', {}, r.won), el('td', {}, r.drawn), el('td', {}, r.lost))));
    out.push(el('h3', {}, 'Ratings (Bradley–Terry, Elo scale)'), t);
  }
  if (v.bots && v.bots.length > 1) {
    const t = el('table', { id: 'crosstable' }, el('tr', {}, el('th', {}, ''), v.bots.map(b => el('th', {}, b))));
    v.bots.forEach((b, i) => t.append(el('tr', {}, el('th', { class: 'name' }, b), v.crosstable[i].map((c, j) => {
      const games = c[0] + c[1] + c[2];
      if (i === j) return el('td', {}, '·');
      const score = games ? (c[0] + c[1] / 2) / games : 0.5;
      return el('td', { style: 'background:' + heat(score, games) }, games ? c.join('–') : '');
    }))));
    out.push(el('h3', {}, 'Crosstable (wins–draws–losses of the row bot)'), t);
  }
  const games = el('table', { id: 'games' }, el('tr', {}, ['match', 'game', 'red', 'blue', 'winner', 'reason', 'frames', ''].map(h => el('th', {}, h))));
  for (const g of v.games || []) {
    games.append(el('tr', {}, el('td', { class: 'name' }, g.match), el('td', { class: 'name' }, g.game), el('td', { class: 'name' }, g.red || ''),
      el('td', { class: 'name' }, g.blue || ''), el('td', { class: 'name' }, g.state === 'done' ? (g.winner || 'draw') : g.state),
      el('td', { class: 'name' }, g.reason || g.problem || ''), el('td', {}, g.frames === undefined ? '' : g.frames),
      el('td', {}, g.replay ? el('button', { onclick: () => showReplay(v.id, g.replay) }, 'replay') : '')));
  }
  out.push(el('h3', {}, 'Games'), games);
  if (v.logs && v.logs.length) {
    out.push(el('h3', {}, 'Bot logs'), el('ul', { id: 'logs' }, v.logs.map(l => el('li', {}, el('a', { href: '#', onclick: ev => {
      ev.preventDefault();
      showLog(v.id, l);
    } }, l)))));
  }
  body.replaceChildren(...out);
}

/** A match's or tournament's bot processes from its status file: running matches in full, finished ones folded. */
function botProcesses(s) {
  if (!s || s.problem || !s.matches) return el('span');
  const wrap = el('div', { id: 'bot-processes' });
  const counts = [s.matches_planned !== undefined ? s.matches_done + ' of ' + s.matches_planned + ' matches' : '',
    s.games_done + ' of ' + s.games_planned + ' games done'].filter(Boolean).join(' · ');
  wrap.append(el('p', {}, el('b', {}, 'Bot processes'), ' ', el('span', { class: 'muted' }, counts)));
  const running = s.matches.filter(m => m.state === 'running'), ended = s.matches.filter(m => m.state !== 'running');
  if (!s.matches.length) wrap.append(el('p', { class: 'muted' }, s.liveness === 'running' ? 'starting…' : 'no match was played'));
  for (const m of running) wrap.append(matchProcesses(m));
  // a tournament's finished matches fold away; a lone match stays open to show how its bots ended
  if (ended.length && running.length + ended.length > 1) {
    wrap.append(el('details', {}, el('summary', {}, ended.length + ' matches ended'), ...ended.map(matchProcesses)));
  } else {
    for (const m of ended) wrap.append(matchProcesses(m));
  }
  return wrap;
}

function matchProcesses(m) {
  const d = el('div', { 'data-match': m.dir });
  const playing = m.playing ? 'playing game ' + m.playing.game + ' (red ' + m.playing.red + ', blue ' + m.playing.blue + ')' : '';
  d.append(el('p', {}, m.a + ' vs ' + m.b, ' ', el('span', { class: m.state.startsWith('failed') ? 'problem' : 'muted' },
    [m.dir, m.state, m.games_done + ' of ' + m.games + ' games', playing].filter(Boolean).join(' · '))));
  const t = el('table', { class: 'tree' }, el('tr', {}, ['bot', 'session', 'pid', 'driver', 'state', 'exit status', 'why it ended']
    .map(h => el('th', {}, h))));
  for (const p of m.processes || []) {
    const fault = p.reason && p.reason !== 'session_over';
    t.append(el('tr', { 'data-pid': p.pid }, el('td', { class: 'name' }, p.bot), el('td', {}, p.session), el('td', {}, p.pid),
      el('td', { class: 'name' }, p.driver), el('td', {}, p.state), el('td', {}, p.exit_status === null ? '' : p.exit_status),
      el('td', { class: fault ? 'problem name' : 'name' }, p.reason || (p.state === 'exited' ? '(exited; the game host will say why)' : ''))));
  }
  d.append(t);
  return d;   // each game's end is in the games table below, from its result.json
}

function signed(x) {
  return (x >= 0 ? '+' : '') + Math.round(x);
}

/** Red (lost every game) through white (even) to green (won every game); blank before a game. */
function heat(score, games) {
  if (!games) return '#fff';
  const t = Math.abs(score - 0.5) * 2;
  const mix = (a, b) => Math.round(255 + (b - 255) * t);
  return score >= 0.5 ? `rgb(${mix(255, 120)},${mix(255, 200)},${mix(255, 120)})` : `rgb(${mix(255, 230)},${mix(255, 120)},${mix(255, 120)})`;
}

function showReplay(id, file) {
  const src = '/replay?id=' + encodeURIComponent(id) + '&file=' + encodeURIComponent(file);
  document.getElementById('viewer').replaceChildren(el('h3', {}, 'Replay ' + file), el('iframe', { class: 'replay', src, title: 'replay ' + file }));
}

async function showLog(id, file) {
  const viewer = document.getElementById('viewer');
  try {
    const r = await fetch('/log?id=' + encodeURIComponent(id) + '&file=' + encodeURIComponent(file), { credentials: 'same-origin' });
    viewer.replaceChildren(el('h3', {}, 'Log ' + file), el('pre', { class: 'log' }, r.ok ? await r.text() : 'HTTP ' + r.status));
  } catch (e) {
    viewer.replaceChildren(el('p', { class: 'problem' }, 'cannot load ' + file + ': ' + e.message));
  }
}

// ------------------------------------------------------------------ polling

let ticking = false;

async function tick() {
  if (ticking) return;
  ticking = true;
  try {
    state.entries = await getJson('/api/entries');
    document.getElementById('offline').hidden = true;
    const ids = new Set(state.entries.map(e => e.id));
    if (!state.started) {
      state.started = true;
      state.auto = !readHash();
    }
    if (state.auto) {
      // until the user picks, show the first runs, including those that start while the page is open
      for (const e of state.entries.filter(e => e.kind === 'train' && !e.problem)) {
        if (state.train.size < MAX_DEFAULT_RUNS) state.train.add(e.id);
      }
      if (!state.train.size && !state.view) {
        const other = state.entries.find(e => e.kind !== 'train');
        if (other) state.view = other.id;
      }
    }
    state.train = new Set([...state.train].filter(id => ids.has(id)));
    renderNav();
    const runs = await Promise.all([...state.train].map(id => getJson('/api/entry?id=' + encodeURIComponent(id))));
    renderTraining(runs);
    renderMatch(state.view ? await getJson('/api/entry?id=' + encodeURIComponent(state.view)) : null);
    document.getElementById('nothing').hidden = runs.length > 0 || state.view !== null;
    document.getElementById('clock').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    document.getElementById('offline').hidden = false;
    document.getElementById('offline').textContent = 'the dashboard server does not answer (' + e.message + ')';
  } finally {
    ticking = false;
  }
}

async function loop() {
  await tick();
  setTimeout(loop, POLL_MS);
}

loop();
