// Sessions: the list, newest watched first, filtered and paged by the API's keyset cursor.
import { getJson } from '../api.js';
import { h, replace, value } from '../dom.js';
import { filterBar } from '../filters.js';
import * as format from '../format.js';
import { empty, panel } from '../panel.js';
import { contentTypes } from '../report.js';

export const section = 'sessions';

export const pageSize = 25;

export function title() {
  return 'Sessions';
}

/** The API parameters of the list the URL shows: day becomes from = to = that day. */
export function listParameters(query) {
  const parameters = { limit: pageSize };
  for (const name of ['mediaId', 'contentType', 'downloaded', 'status', 'closeReason', 'after']) {
    if (query.get(name)) {
      parameters[name] = query.get(name);
    }
  }
  if (query.get('day')) {
    parameters.from = query.get('day');
    parameters.to = query.get('day');
  }
  return parameters;
}

export function render(main, context) {
  const { query, signal } = context;
  // The cursors of the newer pages, kept in the history entry so "Newer" can go back without the API's help.
  const newer = Array.isArray(history.state?.newer) ? history.state.newer : [];
  const filters = filterBar(context, ['day', 'contentType', 'mediaId', 'downloaded', 'status', 'closeReason'], { contentTypes: contentTypes(new URLSearchParams(), signal) });
  const list = panel({ title: 'Sessions', testId: 'panel-sessions', wide: true });

  replace(main,
    h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1' }, 'Sessions'),
      h('p', { class: 'page-subtitle' }, `Newest watched first · times in ${context.timeZone}`)),
    filters.element,
    h('div', { class: 'grid' }, list.element));

  list.load(async () => {
    const answer = await getJson('/api/v1/sessions', listParameters(query), signal);
    const rows = answer.rows ?? [];
    if (rows.length === 0 && !query.get('after')) {
      return empty();
    }
    return [sessionTable(context, rows), pager(context, answer, newer)];
  }, signal);
}

function sessionTable(context, rows) {
  const zone = context.timeZone;
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'table', 'data-testid': 'session-table' },
      h('caption', { class: 'visually-hidden' }, 'Sessions, newest watched first'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Watched'),
        h('th', { scope: 'col' }, 'Content'),
        h('th', { scope: 'col' }, 'Type'),
        h('th', { scope: 'col' }, 'Mode'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', class: 'number' }, 'Time played'),
        h('th', { scope: 'col', class: 'number' }, 'Events'),
        h('th', { scope: 'col', class: 'number' }, 'Ignored'),
        h('th', { scope: 'col', class: 'number' }, 'Lateness'))),
      h('tbody', {}, rows.map(row => h('tr', { 'data-testid': 'session-row', 'data-sid': row.sessionId },
        h('td', {}, h('a', { href: `/sessions/${encodeURIComponent(row.sessionId)}`, 'data-testid': 'session-link', title: row.sessionId },
          h('time', { 'data-testid': 'session-firstEventTs', 'data-value': row.firstEventTs }, format.dateTime(row.firstEventTs, zone)))),
        h('td', {}, row.mediaName || row.mediaId, row.mediaName ? h('span', { class: 'subtle' }, row.mediaId) : null),
        h('td', {}, row.contentType),
        h('td', {}, h('span', { class: `tag ${row.downloaded ? 'tag-downloaded' : 'tag-online'}`, 'data-testid': 'session-downloaded', 'data-value': String(row.downloaded) }, row.downloaded ? 'Downloaded' : 'Online')),
        h('td', {}, h('span', { 'data-testid': 'session-status', 'data-value': row.status }, row.status), row.closeReason ? h('span', { class: 'subtle', 'data-testid': 'session-closeReason', 'data-value': row.closeReason }, row.closeReason) : null),
        h('td', { class: 'number' }, value('session-timePlayed', row.metrics?.timePlayed ?? null, format.duration)),
        h('td', { class: 'number' }, value('session-eventCount', row.eventCount, format.integer)),
        h('td', { class: 'number' }, value('session-ignoredEvents', row.ignoredEvents, format.integer)),
        h('td', { class: 'number' }, value('session-latenessSeconds', row.latenessSeconds, format.lateness)))))));
}

function pager(context, answer, newer) {
  const current = context.query.get('after');
  const page = newer.length + 1;
  return h('nav', { class: 'pager', 'aria-label': 'Pages of sessions' },
    h('button', {
      type: 'button', class: 'button', disabled: !current, 'data-testid': 'sessions-newer',
      onclick: () => {
        const stack = [...newer];
        const previous = stack.pop();
        context.setQuery({ after: previous || null }, { state: { newer: stack } });
      },
    }, '← Newer'),
    h('span', { class: 'pager-status', 'data-testid': 'sessions-page' }, current ? `Page ${page}` : 'Newest sessions'),
    h('button', {
      type: 'button', class: 'button', disabled: !answer.next, 'data-testid': 'sessions-older',
      onclick: () => context.setQuery({ after: answer.next }, { state: { newer: [...newer, current ?? ''] } }),
    }, 'Older →'));
}
