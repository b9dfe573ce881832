// The usage dashboard: meters, a statistics chart, burst usage and location hours, read from the
// meterkit REST API as the principal of this tab's credentials (or anonymously where the server
// allows it). Every API error is shown in the panel that asked; a 401 opens the sign-in dialog.

import {
  ApiError,
  basicCredentials,
  credentials,
  forgetCredentials,
  getJson,
  keepCredentials,
  tokenCredentials,
} from './api.js';
import { PALETTE, drawChart, formatClock, formatDay } from './chart.js';

const $ = (id) => document.getElementById(id);
const state = {
  meters: [],
  metersError: null,
  meter: null,
  chart: null,
  chartRequest: 0,
  chartWidth: 0,
};

// Units of the burst resource types: cpu in MHz, mem and dssd in bytes, ip a count.
const BURST_UNITS = { cpu: 'MHz', mem: 'B', dssd: 'B', ip: '' };
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

function formatNumber(value, digits = 2) {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);
}

function formatFixed(value, digits) {
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

function formatBytes(value) {
  let scaled = Math.abs(value);
  let unit = 0;
  while (scaled >= 1024 && unit < BYTE_UNITS.length - 1) {
    scaled /= 1024;
    unit++;
  }
  return `${formatNumber(Math.sign(value) * scaled, scaled < 10 ? 2 : 1)} ${BYTE_UNITS[unit]}`;
}

function formatter(unit, statistic) {
  if (unit === 'B' && statistic !== 'count') {
    return formatBytes;
  }
  const suffix = statistic === 'count' ? ' samples' : unit && unit !== 'B' ? ` ${unit}` : '';
  return (value) => `${formatNumber(value)}${suffix}`;
}

// Axis ticks: bytes in binary units, else all ticks compact (5K, 10K) once one reaches 10,000.
function tickFormatter(unit, statistic) {
  if (unit === 'B' && statistic !== 'count') {
    return formatBytes;
  }
  return (value, ticks) =>
    Math.max(...ticks.map(Math.abs)) >= 10_000
      ? new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value)
      : formatNumber(value);
}

function formatRange(start, end) {
  return `${formatDay(start)} ${formatClock(start)} – ${formatDay(end)} ${formatClock(end)} UTC`;
}

/** Epoch ms as the API's UTC timestamp text, e.g. 2026-12-07T14:00:00. */
function isoUtc(ms) {
  return new Date(ms).toISOString().slice(0, 19);
}

/** The API's timestamps have no offset and mean UTC. */
function parseUtc(text) {
  return Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`);
}

function node(tag, className, text) {
  const created = document.createElement(tag);
  if (className) {
    created.className = className;
  }
  if (text !== undefined) {
    created.textContent = text;
  }
  return created;
}

function selectedText(select) {
  return select.options[select.selectedIndex].textContent;
}

// ---- errors and signing in

function showError(id, error) {
  const box = $(id);
  if (!error) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  if (!(error instanceof ApiError)) {
    console.error(error); // a bug of this page, not an answer of the API
  }
  let status = 'Error';
  if (error instanceof ApiError) {
    status = error.status ? `HTTP ${error.status}` : 'Network error';
  }
  const parts = [node('strong', 'status', status), node('span', 'message', error.message)];
  if (error.path) {
    parts.push(node('span', 'path', `GET ${error.path}`));
  }
  box.replaceChildren(...parts);
  box.hidden = false;
  if (error.status === 401) {
    askToSignIn(error.message);
  }
}

function askToSignIn(refusal) {
  const dialog = $('login');
  let reason = 'Sign in with an access token, or with a user and password.';
  if (refusal) {
    reason = credentials()
      ? 'The server did not accept these credentials.'
      : 'The server needs to know who you are.';
  }
  $('login-reason').textContent = reason;
  $('login-detail').textContent = refusal ? `Server: ${refusal}` : '';
  $('login-detail').hidden = !refusal;
  if (!dialog.open) {
    dialog.showModal();
  }
  const scheme = dialog.querySelector('[aria-selected="true"]').dataset.scheme;
  $(scheme === 'token' ? 'login-token' : 'login-user').focus();
}

function chooseScheme(scheme) {
  for (const tab of document.querySelectorAll('#login [role="tab"]')) {
    tab.setAttribute('aria-selected', String(tab.dataset.scheme === scheme));
  }
  for (const panel of document.querySelectorAll('#login [data-panel]')) {
    panel.hidden = panel.dataset.panel !== scheme;
  }
}

function signIn(event, scheme) {
  event.preventDefault();
  const token = $('login-token').value.trim();
  const user = $('login-user').value.trim();
  const password = $('login-password').value;
  if (scheme === 'token' ? !token : !user || !password) {
    $('login-reason').textContent =
      scheme === 'token' ? 'Enter an access token.' : 'Enter a user and a password.';
    return;
  }
  keepCredentials(scheme === 'token' ? tokenCredentials(token) : basicCredentials(user, password));
  event.target.reset();
  $('login').close();
  refreshAll();
}

function renderIdentity(anonymousWorks) {
  const stored = credentials();
  const identity = $('identity');
  $('sign-in').hidden = Boolean(stored);
  $('sign-out').hidden = !stored;
  if (stored) {
    identity.textContent =
      stored.scheme === 'basic' ? `Signed in as ${stored.label}` : 'Signed in with a token';
    identity.dataset.state = 'signed-in';
  } else if (anonymousWorks) {
    identity.textContent = 'Anonymous access';
    identity.dataset.state = 'anonymous';
  } else {
    identity.textContent = 'Not signed in';
    identity.dataset.state = 'signed-out';
  }
}

// ---- meters

async function loadMeters() {
  const list = $('meter-list');
  list.dataset.state = 'loading';
  try {
    const meters = await getJson('/v2/meters', [['unique', 'True']]);
    state.meters = meters
      .map((m) => ({ name: m.name, type: m.type, unit: m.unit }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const kept = state.meters.find((m) => m.name === state.meter?.name);
    state.meter = kept ?? state.meters[0] ?? null;
    state.metersError = null;
    showError('meters-error', null);
    renderMeterList();
    list.dataset.state = 'ready';
    return true;
  } catch (error) {
    state.meters = [];
    state.metersError = error;
    state.meter = null;
    list.replaceChildren();
    $('meter-count').textContent = '';
    list.dataset.state = 'error';
    showError('meters-error', error);
    return false;
  }
}

function renderMeterList() {
  const items = state.meters.map((meter) => {
    const button = node('button', 'meter');
    button.type = 'button';
    button.dataset.meter = meter.name;
    button.setAttribute('aria-pressed', String(meter === state.meter));
    const unit = meter.unit ? ` · ${meter.unit}` : '';
    button.append(node('span', 'name', meter.name), node('span', 'meta', `${meter.type}${unit}`));
    button.addEventListener('click', () => {
      state.meter = meter;
      renderMeterList();
      loadChart();
    });
    const item = node('li');
    item.append(button);
    return item;
  });
  if (items.length === 0) {
    items.push(node('li', 'empty', 'No meters yet.'));
  }
  $('meter-list').replaceChildren(...items);
  $('meter-count').textContent = String(state.meters.length);
}

// ---- the statistics chart

function clearChart(chartState, message) {
  const chart = $('chart');
  chart.replaceChildren(...(message ? [node('p', 'placeholder', message)] : []));
  chart.dataset.state = chartState;
  $('legend').replaceChildren();
  $('chart-summary').textContent = '';
}

async function loadChart() {
  const meter = state.meter;
  const request = ++state.chartRequest;
  if (!meter) {
    state.chart = null;
    $('chart-title').textContent = 'Statistics';
    showError('chart-error', null);
    clearChart('empty', 'No meter to show.');
    return;
  }
  const period = Number($('period').value);
  const periodMs = period * 1000;
  // The window ends at the period boundary after now, so buckets fall on whole periods.
  const end = Math.ceil(Date.now() / periodMs) * periodMs;
  const start = end - Number($('window').value) * 1000;
  const groupby = $('groupby').value;
  const params = [
    ['q.field', 'timestamp'], ['q.op', 'ge'], ['q.value', isoUtc(start)],
    ['q.field', 'timestamp'], ['q.op', 'lt'], ['q.value', isoUtc(end)],
    ['period', String(period)],
  ];
  if (groupby) {
    params.push(['groupby', groupby]);
  }
  // The request's window and grouping, for whoever wants to ask the API the same question.
  Object.assign($('chart').dataset, {
    state: 'loading',
    meter: meter.name,
    start: isoUtc(start),
    end: isoUtc(end),
    period: String(period),
    groupby,
    buckets: '',
  });
  try {
    const path = `/v2/meters/${encodeURIComponent(meter.name)}/statistics`;
    const rows = await getJson(path, params);
    if (request !== state.chartRequest) {
      return; // a later choice is loading
    }
    showError('chart-error', null);
    state.chart = { meter, rows, start, end, groupby };
    renderChart();
  } catch (error) {
    if (request !== state.chartRequest) {
      return;
    }
    state.chart = null;
    clearChart('error');
    showError('chart-error', error);
  }
}

function renderChart() {
  const { meter, rows, start, end, groupby } = state.chart;
  const statistic = $('statistic').value;
  const chart = $('chart');
  const unit = statistic === 'count' ? 'samples' : meter.unit;
  $('chart-title').replaceChildren(
    node('span', 'meter-name', meter.name),
    ` · ${selectedText($('statistic'))} per ${selectedText($('period'))}`,
    node('span', 'unit', unit ? ` (${unit})` : ''),
  );
  chart.dataset.buckets = String(rows.length);
  if (rows.length === 0) {
    clearChart('empty', `No samples of ${meter.name} in this window.`);
    return;
  }
  const groups = new Map();
  for (const row of rows) {
    const key = JSON.stringify(row.groupby ?? {});
    if (!groups.has(key)) {
      const label = groupby ? String(row.groupby?.[groupby] ?? '(none)') : meter.name;
      groups.set(key, { label, points: [] });
    }
    groups.get(key).points.push({
      from: parseUtc(row.period_start),
      to: parseUtc(row.period_end),
      v: row[statistic],
    });
  }
  const series = [...groups.values()].map((s, i) => ({ ...s, color: PALETTE[i % PALETTE.length] }));
  state.chartWidth = chart.clientWidth;
  drawChart(chart, {
    series,
    start,
    end,
    yTitle: `${meter.name}, ${selectedText($('statistic'))}`,
    format: formatter(meter.unit, statistic),
    tickFormat: tickFormatter(meter.unit, statistic),
  });
  chart.dataset.state = 'ready';
  $('legend').replaceChildren(
    ...series.map((s) => {
      const item = node('li');
      const swatch = node('span', 'swatch');
      swatch.style.backgroundColor = s.color;
      item.append(swatch, node('span', 'label', s.label), node('span', 'n', String(s.points.length)));
      return item;
    }),
  );
  const buckets = `${rows.length} bucket${rows.length === 1 ? '' : 's'}`;
  const count = `${series.length} series`;
  $('chart-summary').textContent = `${buckets} · ${count} · ${formatRange(start, end)}`;
}

// ---- burst usage

async function loadBurst() {
  const table = $('burst-table');
  table.dataset.state = 'loading';
  try {
    const body = await getJson('/burstusage/');
    showError('burst-error', null);
    renderBurst(body.objects ?? []);
    table.dataset.state = 'ready';
  } catch (error) {
    table.tBodies[0].replaceChildren();
    table.tFoot?.remove();
    table.dataset.state = 'error';
    showError('burst-error', error);
  }
}

function renderBurst(objects) {
  const table = $('burst-table');
  table.tFoot?.remove();
  const total = objects.reduce((sum, o) => sum + Number(o.amount), 0);
  const rows = objects.map((o) => {
    const row = node('tr');
    row.dataset.type = o.resource_type;
    const unit = BURST_UNITS[o.resource_type];
    const usage = unit === 'B' ? formatBytes(o.usage) : `${formatNumber(o.usage)} ${unit ?? ''}`;
    const bar = node('span', 'bar');
    const fill = node('span', 'fill');
    fill.style.width = `${total > 0 ? (100 * Number(o.amount)) / total : 0}%`;
    bar.append(fill);
    row.append(
      node('td', 'type', o.resource_type),
      node('td', 'num', usage.trim()),
      node('td', 'num', formatFixed(Number(o.amount), 4)),
      node('td', 'bar-col'),
    );
    row.lastChild.append(bar);
    return row;
  });
  if (rows.length === 0) {
    const row = node('tr');
    const cell = node('td', 'empty', 'No priced resource types.');
    cell.colSpan = 4;
    row.append(cell);
    rows.push(row);
  } else {
    const foot = table.createTFoot();
    const row = foot.insertRow();
    row.append(node('td', '', 'Total'), node('td'), node('td', 'num', formatFixed(total, 4)), node('td'));
  }
  table.tBodies[0].replaceChildren(...rows);
}

// ---- location hours

// Tenants are the resources of the usage.tenant meter; the newest sample of each says whether
// it exists (1) or was deleted (0).
async function tenants() {
  if (state.metersError) {
    throw state.metersError; // without the meter list, the tenants are unknown too
  }
  if (!state.meters.some((m) => m.name === 'usage.tenant')) {
    return [];
  }
  const samples = await getJson('/v2/meters/usage.tenant', [['limit', '1000']]);
  const seen = new Set();
  const active = [];
  for (const sample of samples) {
    if (!seen.has(sample.resource_id)) {
      seen.add(sample.resource_id);
      if (sample.counter_volume > 0) {
        active.push(sample.resource_id);
      }
    }
  }
  return active.sort();
}

async function loadLocations() {
  const table = $('locations-table');
  table.dataset.state = 'loading';
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const start = end - Number($('window').value) * 1000;
  try {
    const names = await tenants();
    const answers = await Promise.all(
      names.map((tenant) =>
        getJson('/usage/location/hour', [
          ['tenantId', tenant],
          ['startTime', `${isoUtc(start)}Z`],
          ['endTime', `${isoUtc(end)}Z`],
        ]),
      ),
    );
    showError('locations-error', null);
    renderLocations(names, answers);
    table.dataset.state = 'ready';
  } catch (error) {
    table.tHead.replaceChildren();
    table.tBodies[0].replaceChildren();
    table.tFoot?.remove();
    table.dataset.state = 'error';
    showError('locations-error', error);
  }
}

function renderLocations(names, answers) {
  const table = $('locations-table');
  table.tFoot?.remove();
  const locations = [...new Set(answers.flat().map((a) => a.locationId))].sort();
  const head = node('tr');
  head.append(
    node('th', '', 'Tenant'),
    ...locations.map((location) => node('th', 'num id', location)),
    node('th', 'num', 'Total'),
  );
  table.tHead.replaceChildren(head);
  const columnTotals = locations.map(() => 0);
  const rows = names.map((tenant, i) => {
    const hours = new Map(answers[i].map((a) => [a.locationId, Number(a.hours)]));
    const row = node('tr');
    row.dataset.tenant = tenant;
    row.append(node('td', 'type', tenant));
    let total = 0;
    locations.forEach((location, j) => {
      const value = hours.get(location);
      total += value ?? 0;
      columnTotals[j] += value ?? 0;
      row.append(node('td', value === undefined ? 'num none' : 'num', value === undefined ? '–' : formatFixed(value, 1)));
    });
    row.append(node('td', 'num strong', formatFixed(total, 1)));
    return row;
  });
  if (rows.length === 0) {
    const row = node('tr');
    const cell = node('td', 'empty', 'No tenants are visible to you: location hours are reported to admins.');
    cell.colSpan = locations.length + 2;
    row.append(cell);
    rows.push(row);
  } else {
    const foot = table.createTFoot().insertRow();
    foot.append(
      node('td', '', 'Total'),
      ...columnTotals.map((t) => node('td', 'num', formatFixed(t, 1))),
      node('td', 'num', formatFixed(columnTotals.reduce((a, b) => a + b, 0), 1)),
    );
  }
  table.tBodies[0].replaceChildren(...rows);
}

// ---- wiring

async function refreshAll() {
  renderIdentity(false);
  const metersLoaded = await loadMeters();
  renderIdentity(metersLoaded);
  await Promise.all([loadChart(), loadBurst(), loadLocations()]);
}

function start() {
  $('period').addEventListener('change', loadChart);
  $('groupby').addEventListener('change', loadChart);
  $('statistic').addEventListener('change', () => (state.chart ? renderChart() : loadChart()));
  $('window').addEventListener('change', () => Promise.all([loadChart(), loadLocations()]));
  $('controls').addEventListener('submit', (event) => event.preventDefault());
  $('refresh').addEventListener('click', refreshAll);
  $('sign-in').addEventListener('click', () => askToSignIn(null));
  $('sign-out').addEventListener('click', () => {
    forgetCredentials();
    refreshAll();
  });
  $('token-form').addEventListener('submit', (event) => signIn(event, 'token'));
  $('basic-form').addEventListener('submit', (event) => signIn(event, 'basic'));
  for (const cancel of document.querySelectorAll('#login [data-cancel]')) {
    cancel.addEventListener('click', () => $('login').close());
  }
  for (const tab of document.querySelectorAll('#login [role="tab"]')) {
    tab.addEventListener('click', () => chooseScheme(tab.dataset.scheme));
  }
  new ResizeObserver(() => {
    if (state.chart && state.chart.rows.length > 0 && $('chart').clientWidth !== state.chartWidth) {
      renderChart();
    }
  }).observe($('chart'));
  refreshAll();
}

start();
