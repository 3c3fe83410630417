// The coordinator page: an organisation's totals, its mentors page by page, one mentor's detail,
// and a live feed that keeps all of them current without a reload.

import {
  ApiError, claimsOf, forgetToken, getJson, inParallel, storeToken, storedToken, takeTokenFromFragment,
} from './api.js';
import { LiveConnection } from './live.js';
import { drawBars } from './chart.js';

const PERIODS = [
  { key: 'week', title: 'This week' },
  { key: 'month', title: 'This month' },
  { key: 'year', title: 'This year' },
  { key: 'all_time', title: 'All time' },
];
const TOTAL_FIELDS = [
  { key: 'active_mentors', label: 'Active mentors' },
  { key: 'activities', label: 'Activities' },
  { key: 'sessions', label: 'Sessions' },
  { key: 'total_hours', label: 'Hours' },
  { key: 'badges_awarded', label: 'Badges awarded' },
];
const ROW_FIELDS = ['name', 'status', 'activities_week', 'activities_month', 'current_streak', 'longest_streak',
  'total_hours', 'certification_days_left', 'open_assignments', 'badges'];
const REQUESTS_AT_ONCE = 6;
const FEED_LENGTH = 50;

const $ = id => document.getElementById(id);
const enc = encodeURIComponent;

/** Everything the page knows; rebuilt at each sign-in. */
let session = null;

function newSession(token, claims, organisationId) {
  return {
    token, claims, organisationId,
    zone: 'UTC',
    page: 1, limit: Number($('page-size').value), total: 0, status: $('status-filter').value,
    rows: new Map(),       // mentor id → { item, numbers }
    order: [],             // mentor ids in the server's order
    sort: null,            // { field, direction }
    detail: null,          // mentor id shown in the detail
    live: null,
    pending: new Map(),    // debounce timers by key
    loadedOnce: false,
  };
}

// ---- sign-in -------------------------------------------------------------------------------

function showSignIn(message = '') {
  session?.live?.stop();
  session = null;
  $('dashboard').hidden = true;
  $('session').hidden = true;
  $('sign-in-section').hidden = false;
  $('sign-in-error').textContent = message;
  setLiveState('idle', 'Not connected');
}

function signIn(token, organisationOverride = '') {
  const claims = claimsOf(token);
  if (!claims) {
    showSignIn('That is not a token (a JWT has three parts separated by dots).');
    return;
  }
  if (claims.exp && claims.exp * 1000 <= Date.now()) {
    forgetToken();
    showSignIn('The token has expired; ask for a new one.');
    return;
  }
  const organisationId = claims.organisation_id || organisationOverride.trim();
  if (!organisationId) {
    showSignIn('This token names no organisation: enter the organisation to watch.');
    return;
  }
  storeToken(token);
  session = newSession(token, claims, organisationId);
  $('sign-in-section').hidden = true;
  $('dashboard').hidden = false;
  $('session').hidden = false;
  $('signed-in-as').textContent = `${claims.role ?? 'unknown role'} of ${organisationId} · ${claims.sub ?? ''}`;
  start(session);
}

function onApiFailure(error) {
  if (error instanceof ApiError && error.status === 401) {
    forgetToken();
    showSignIn(`Signed out: ${error.message}`);
    return true;
  }
  return false;
}

// ---- loading -------------------------------------------------------------------------------

/** Opens the stream first: its "ready" comes once it is subscribed, and the page loads then. */
function start(current) {
  current.live = new LiveConnection(current.organisationId, current.token, {
    onState: setLiveState,
    onUnauthorised: message => { forgetToken(); showSignIn(`Signed out: ${message}`); },
    onEvent: (name, data) => onLiveEvent(current, name, data),
  });
  current.live.start();
  // without a stream the page still loads, a moment later
  setTimeout(() => { if (!current.loadedOnce) { reloadEverything(current); } }, 1500);
}

async function reloadEverything(current) {
  current.loadedOnce = true;
  await loadTotals(current);
  await loadPage(current);
}

async function api(current, path) {
  try {
    return await getJson(path, current.token);
  } catch (error) {
    if (session === current && !onApiFailure(error)) {
      console.warn(`peerstats: ${path}: ${error.message}`);
    }
    throw error;
  }
}

async function loadTotals(current) {
  const totals = await api(current, `/api/v1/organisation-stats/${enc(current.organisationId)}`);
  if (session !== current) {
    return;
  }
  current.zone = totals.time_zone;
  renderTotals(current, totals);
}

async function loadPage(current) {
  const query = new URLSearchParams({ organisation_id: current.organisationId, page: current.page, limit: current.limit });
  if (current.status) {
    query.set('status', current.status);
  }
  const table = $('mentor-table');
  table.dataset.loaded = 'false';
  const list = await api(current, `/api/v1/peer-mentor-bloc?${query}`);
  if (session !== current) {
    return;
  }
  current.total = list.pagination.total;
  const ids = list.data.map(item => item.mentor_id);
  const sameMentors = ids.length === current.order.length && ids.every((id, i) => id === current.order[i]);
  const previous = current.rows;
  current.rows = new Map(list.data.map(item => [item.mentor_id, { item, numbers: previous.get(item.mentor_id)?.numbers ?? null }]));
  current.order = ids;
  if (sameMentors) {
    // the same mentors again (a reconnect, say): update the rows in place rather than rebuild them
    ids.forEach(id => renderRow(current, id));
  } else {
    renderRows(current);
  }
  renderPager(current);
  await inParallel(current.order.map(id => () => loadRowNumbers(current, id)), REQUESTS_AT_ONCE);
  if (session === current) {
    table.dataset.loaded = 'true';
  }
}

/** A row's numbers from the stats endpoints and its held badges, all read again. */
async function loadRowNumbers(current, mentorId) {
  const base = `/api/v1/peer-mentor-stats/${enc(mentorId)}`;
  const [stats, streak, week, month, badges] = await Promise.all([
    api(current, base),
    api(current, `${base}/streak`),
    api(current, `${base}/activity-count?period=week`),
    api(current, `${base}/activity-count?period=month`),
    api(current, `/api/v1/earned-badges?peer_mentor_id=${enc(mentorId)}&limit=100`),
  ]);
  const row = current.rows.get(mentorId);
  if (session !== current || !row) {
    return;
  }
  row.numbers = { stats, streak, week, month, badges: badges.data };
  renderRow(current, mentorId);
}

/** Reloads a mentor after an event: its row and, when open, its detail. Debounced per mentor. */
function refreshMentor(current, mentorId) {
  debounce(current, `mentor:${mentorId}`, 120, async () => {
    if (current.rows.has(mentorId)) {
      await loadRowNumbers(current, mentorId).catch(() => {});
      flash(rowElement(mentorId));
    }
    if (current.detail === mentorId) {
      await showDetail(current, mentorId, false).catch(() => {});
    }
  });
}

function debounce(current, key, millis, action) {
  clearTimeout(current.pending.get(key));
  current.pending.set(key, setTimeout(() => { current.pending.delete(key); action(); }, millis));
}

// ---- live events ---------------------------------------------------------------------------

function onLiveEvent(current, name, data) {
  if (session !== current) {
    return;
  }
  switch (name) {
    case 'ready':
      // subscribed now: whatever is loaded from here on misses nothing
      current.zone = data.time_zone || current.zone;
      debounce(current, 'reload', 50, () => reloadEverything(current).catch(() => {}));
      break;
    case 'stats':
      addStatsToFeed(current, data);
      refreshMentor(current, data.peer_mentor_id);
      break;
    case 'badge_awarded':
    case 'badge_revoked':
      addBadgeToFeed(current, name, data);
      refreshMentor(current, data.peer_mentor_id);
      break;
    case 'organisation_stats':
      debounce(current, 'totals', 150, () => loadTotals(current).catch(() => {}));
      break;
    case 'end':
      break;
    default:
      break;
  }
}

function mentorName(current, mentorId) {
  return current.rows.get(mentorId)?.item.full_name ?? mentorId;
}

function addStatsToFeed(current, stats) {
  const streak = stats.current_streak_days;
  const text = `${mentorName(current, stats.peer_mentor_id)}: ${stats.activity_count} activities, `
    + `${formatHours(stats.total_hours_mentored)} h, streak ${streak} ${streak === 1 ? 'day' : 'days'}`;
  const feed = $('feed');
  const newest = feed.firstElementChild;
  // one line per mentor for a burst of changes
  if (newest && newest.dataset.kind === 'stats' && newest.dataset.mentorId === stats.peer_mentor_id) {
    newest.remove();
  }
  addToFeed(current, 'stats', stats.peer_mentor_id, stats.computed_at, text);
}

function addBadgeToFeed(current, kind, notification) {
  const who = mentorName(current, notification.peer_mentor_id);
  const text = kind === 'badge_awarded'
    ? `${who} was awarded “${notification.badge_name}”`
    : `${who} no longer holds “${notification.badge_name}”${notification.revoke_reason ? ` (${notification.revoke_reason})` : ''}`;
  addToFeed(current, kind, notification.peer_mentor_id, notification.occurred_at, text);
}

function addToFeed(current, kind, mentorId, at, text) {
  const item = document.createElement('li');
  item.dataset.kind = kind;
  item.dataset.mentorId = mentorId;
  const time = document.createElement('time');
  time.dateTime = at;
  time.textContent = formatTime(current, at);
  item.append(time, ` ${text}`);
  const feed = $('feed');
  feed.prepend(item);
  while (feed.children.length > FEED_LENGTH) {
    feed.lastElementChild.remove();
  }
}

// ---- rendering: totals ---------------------------------------------------------------------

/** Builds the period cards once, then updates their numbers in place (screen readers and focus stay put). */
function renderTotals(current, totals) {
  const grid = $('totals-grid');
  if (grid.children.length !== PERIODS.length) {
    grid.replaceChildren(...PERIODS.map(period => periodCard(current, period, totals.periods[period.key])));
  }
  for (const period of PERIODS) {
    const figures = totals.periods[period.key] ?? {};
    for (const value of grid.querySelectorAll(`[data-total^="${period.key}."]`)) {
      const field = value.dataset.total.slice(period.key.length + 1);
      const number = figures[field] ?? 0;
      value.textContent = field === 'total_hours' ? formatHours(number) : String(number);
    }
    const range = grid.querySelector(`[data-range="${period.key}"]`);
    if (range && figures.start) {
      range.textContent = `${formatDay(figures.start)} – ${formatDay(figures.end)}`;
    }
  }
  $('totals-title').textContent = `Organisation ${totals.organisation_id}`;
  $('totals-zone').textContent = `Times and periods in ${totals.time_zone}`;
}

function periodCard(current, period, figures) {
  const card = document.createElement('section');
  card.className = 'period';
  card.setAttribute('aria-label', period.title);
  const heading = document.createElement('h3');
  heading.textContent = period.title;
  card.append(heading);
  if (figures?.start) {
    const range = document.createElement('p');
    range.className = 'range';
    range.dataset.range = period.key;
    card.append(range);
  }
  const list = document.createElement('dl');
  const fields = period.key === 'week'
    ? [...TOTAL_FIELDS, { key: 'mentors_with_current_streak', label: 'On a streak now' }]
    : TOTAL_FIELDS;
  for (const field of fields) {
    const term = document.createElement('dt');
    term.textContent = field.label;
    const value = document.createElement('dd');
    value.dataset.total = `${period.key}.${field.key}`;
    list.append(term, value);
  }
  card.append(list);
  return card;
}

// ---- rendering: the table ------------------------------------------------------------------

function rowElement(mentorId) {
  return document.querySelector(`#mentor-table tbody tr[data-mentor-id="${CSS.escape(mentorId)}"]`);
}

function renderRows(current) {
  const body = $('mentor-table').tBodies[0];
  body.replaceChildren(...sortedIds(current).map(id => buildRow(current, id)));
  $('mentor-table').querySelector('caption').textContent =
    `Mentors of ${current.organisationId}${current.status ? ` with status ${current.status}` : ''}, sorted by `
    + (current.sort ? `${current.sort.field} (${current.sort.direction})` : 'name');
}

function buildRow(current, mentorId) {
  const row = document.createElement('tr');
  row.dataset.mentorId = mentorId;
  row.dataset.loaded = 'false';
  for (const field of ROW_FIELDS) {
    const cell = document.createElement('td');
    cell.dataset.field = field;
    if (field !== 'name' && field !== 'status') {
      cell.className = 'num';
    }
    row.append(cell);
  }
  const link = document.createElement('button');
  link.type = 'button';
  link.className = 'mentor-link';
  link.textContent = current.rows.get(mentorId).item.full_name ?? mentorId;
  link.addEventListener('click', () => showDetail(current, mentorId, true).catch(() => {}));
  row.querySelector('[data-field="name"]').append(link);
  fillRow(current, row, mentorId);
  return row;
}

function renderRow(current, mentorId) {
  const row = rowElement(mentorId);
  if (row) {
    fillRow(current, row, mentorId);
  }
  if (current.sort) {
    renderRows(current);
  }
}

/** The values of a row, as its cells show them and as sorting compares them. */
function rowValues(current, mentorId) {
  const { item, numbers } = current.rows.get(mentorId);
  return {
    name: item.full_name ?? mentorId,
    status: item.status ?? '',
    activities_week: numbers?.week.activity_count,
    activities_month: numbers?.month.activity_count,
    current_streak: numbers?.streak.current_streak_days,
    longest_streak: numbers?.streak.longest_streak_days,
    total_hours: numbers?.stats.total_hours_mentored,
    certification_days_left: item.days_until_expiry,
    open_assignments: item.open_assignment_count,
    badges: numbers?.badges.length,
  };
}

function fillRow(current, row, mentorId) {
  const { item, numbers } = current.rows.get(mentorId);
  const values = rowValues(current, mentorId);
  const set = (field, text) => { row.querySelector(`[data-field="${field}"]`).textContent = text; };
  row.querySelector('.mentor-link').textContent = values.name;
  set('status', values.status);
  set('open_assignments', String(values.open_assignments));
  const expiry = row.querySelector('[data-field="certification_days_left"]');
  expiry.textContent = values.certification_days_left == null ? '' : String(values.certification_days_left);
  expiry.classList.toggle('warning', item.is_within_warning_window === true);
  if (item.is_within_warning_window === true) {
    const note = document.createElement('span');
    note.className = 'visually-hidden';
    note.textContent = values.certification_days_left < 0 ? ' (expired)' : ' (expiring soon)';
    expiry.append(note);
  }
  if (!numbers) {
    return;
  }
  set('activities_week', String(values.activities_week));
  set('activities_month', String(values.activities_month));
  set('current_streak', String(values.current_streak));
  set('longest_streak', String(values.longest_streak));
  set('total_hours', formatHours(values.total_hours));
  const badges = row.querySelector('[data-field="badges"]');
  badges.textContent = String(values.badges);
  badges.title = numbers.badges.map(b => b.badge_name).join(', ');
  row.dataset.loaded = 'true';
}

function sortedIds(current) {
  if (!current.sort) {
    return current.order;
  }
  const { field, direction } = current.sort;
  const sign = direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return [...current.order].sort((a, b) => {
    const x = rowValues(current, a)[field];
    const y = rowValues(current, b)[field];
    if (x == null || y == null) {
      return (x == null) - (y == null);
    }
    return sign * (typeof x === 'number' ? x - y : collator.compare(String(x), String(y)));
  });
}

function onSort(field) {
  if (!session) {
    return;
  }
  const previous = session.sort ?? { field: 'name', direction: 'ascending' };
  const direction = previous.field === field && previous.direction === 'ascending' ? 'descending' : 'ascending';
  session.sort = { field, direction };
  for (const button of document.querySelectorAll('#mentor-table th button[data-sort]')) {
    const th = button.closest('th');
    if (button.dataset.sort === field) {
      th.setAttribute('aria-sort', direction);
    } else {
      th.removeAttribute('aria-sort');
    }
  }
  renderRows(session);
}

function renderPager(current) {
  const pages = Math.max(1, Math.ceil(current.total / current.limit));
  $('page-info').textContent = `Page ${current.page} of ${pages} · ${current.total} mentors`;
  $('page-prev').disabled = current.page <= 1;
  $('page-next').disabled = current.page >= pages;
}

function flash(element) {
  if (!element) {
    return;
  }
  element.classList.remove('flash');
  void element.offsetWidth; // restart the animation
  element.classList.add('flash');
}

// ---- the detail ----------------------------------------------------------------------------

async function showDetail(current, mentorId, moveFocus) {
  current.detail = mentorId;
  const granularity = $('granularity').value;
  const base = `/api/v1/peer-mentor-stats/${enc(mentorId)}`;
  const to = localDay(current, new Date());
  const from = localDay(current, new Date(Date.now() - (granularity === 'week' ? 25 * 7 : 334) * 86400000));
  const [streak, stats, series, badges] = await Promise.all([
    api(current, `${base}/streak`),
    api(current, base),
    api(current, `${base}/activity-series?granularity=${granularity}&from=${from}&to=${to}`),
    api(current, `/api/v1/earned-badges?peer_mentor_id=${enc(mentorId)}&limit=100`),
  ]);
  if (session !== current || current.detail !== mentorId) {
    return;
  }
  const name = mentorName(current, mentorId);
  const section = $('mentor-detail');
  section.hidden = false;
  $('detail-title').textContent = name;
  renderFacts(current, stats, streak);
  const points = series.series.map(p => ({
    label: p.date, shortLabel: shortDay(p.date, granularity), count: p.activity_count,
  }));
  const sum = points.reduce((total, p) => total + p.count, 0);
  drawBars($('activity-chart'), points,
    `Activities of ${name} per ${granularity}, ${series.from} to ${series.to}: ${sum} in all`);
  const list = $('mentor-badges');
  list.replaceChildren(...badges.data.map(badge => {
    const item = document.createElement('li');
    item.textContent = `${badge.badge_name} · awarded ${formatDay(localDay(current, new Date(badge.awarded_at)))}`;
    return item;
  }));
  if (badges.data.length === 0) {
    const none = document.createElement('li');
    none.textContent = 'No badges yet';
    list.append(none);
  }
  if (moveFocus) {
    $('detail-title').focus();
  }
}

function renderFacts(current, stats, streak) {
  const facts = [
    ['Current streak', `${streak.current_streak_days} days`],
    ['Longest streak', `${streak.longest_streak_days} days`],
    ['Activities', String(stats.activity_count)],
    ['Sessions', String(stats.session_count)],
    ['Hours', formatHours(stats.total_hours_mentored)],
    ['Last active', stats.last_active_at ? formatTime(current, stats.last_active_at, true) : 'never'],
  ];
  $('detail-facts').replaceChildren(...facts.map(([term, value]) => {
    const pair = document.createElement('div');
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    pair.append(dt, dd);
    return pair;
  }));
}

function closeDetail() {
  if (session) {
    session.detail = null;
  }
  $('mentor-detail').hidden = true;
}

// ---- formatting in the organisation's zone -------------------------------------------------

function formatHours(hours) {
  return String(Math.round(Number(hours) * 100) / 100);
}

/** YYYY-MM-DD of an instant in the organisation's zone. */
function localDay(current, date) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: current.zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(date);
}

function formatDay(isoDay) {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${isoDay}T00:00:00Z`));
}

function shortDay(isoDay, granularity) {
  const options = granularity === 'month' ? { month: 'short' } : { day: 'numeric', month: 'short' };
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

function formatTime(current, instant, withDay = false) {
  const options = withDay
    ? { dateStyle: 'medium', timeStyle: 'short' }
    : { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false };
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: current.zone }).format(new Date(instant));
}

function setLiveState(state, text) {
  const status = $('live-status');
  status.dataset.state = state;
  status.textContent = text;
}

// ---- wiring --------------------------------------------------------------------------------

function wire() {
  $('sign-in').addEventListener('submit', event => {
    event.preventDefault();
    signIn($('token-input').value.trim(), $('organisation-input').value);
    $('token-input').value = '';
  });
  $('sign-out').addEventListener('click', () => {
    forgetToken();
    showSignIn('Signed out.');
  });
  $('status-filter').addEventListener('change', () => {
    if (session) {
      session.status = $('status-filter').value;
      session.page = 1;
      loadPage(session).catch(() => {});
    }
  });
  $('page-size').addEventListener('change', () => {
    if (session) {
      session.limit = Number($('page-size').value);
      session.page = 1;
      loadPage(session).catch(() => {});
    }
  });
  $('page-prev').addEventListener('click', () => turnPage(-1));
  $('page-next').addEventListener('click', () => turnPage(1));
  for (const button of document.querySelectorAll('#mentor-table th button[data-sort]')) {
    button.addEventListener('click', () => onSort(button.dataset.sort));
  }
  $('detail-close').addEventListener('click', closeDetail);
  $('granularity').addEventListener('change', () => {
    if (session?.detail) {
      showDetail(session, session.detail, false).catch(() => {});
    }
  });
}

/**
 * A page left for another keeps its stream open while the browser holds it for "back"; over
 * HTTP/1.1 a browser opens at most six connections to a host, so a few of those starve the page's
 * own requests. Close the stream when the page is hidden that way, and open one when it returns.
 */
function keepStreamsToVisiblePages() {
  window.addEventListener('pagehide', () => session?.live?.stop());
  window.addEventListener('pageshow', event => {
    if (event.persisted && session) {
      start(session);
    }
  });
}

function turnPage(step) {
  if (session) {
    session.page = Math.max(1, session.page + step);
    loadPage(session).catch(() => {});
  }
}

wire();
keepStreamsToVisiblePages();
takeTokenFromFragment();
const remembered = storedToken();
if (remembered) {
  signIn(remembered);
} else {
  showSignIn();
}
