// Content: the titles ranked by a measure, sorted by clicking a column header, paged.
import { h, replace, value } from '../dom.js';
import { filterBar, reportParameters } from '../filters.js';
import * as format from '../format.js';
import { empty, panel } from '../panel.js';
import { contentTypes, summary } from '../report.js';

export const section = 'content';

export const pageSize = 20;

export function title() {
  return 'Content';
}

const columns = [
  { field: 'starts', label: 'Media starts', format: format.integer },
  { field: 'contentStarts', label: 'Content starts', format: format.integer },
  { field: 'completes', label: 'Completes', format: format.integer },
  { field: 'completionRate', label: 'Completion rate', format: format.percent },
  { field: 'timePlayed', label: 'Time played', format: format.duration },
  { field: 'averageMinuteAudience', label: 'Avg. minute audience', format: value => format.decimal(value, 2) },
];

export function render(main, context) {
  const { query, signal } = context;
  const sort = columns.some(column => column.field === query.get('sort')) ? query.get('sort') : 'timePlayed';
  const order = query.get('order') === 'asc' ? 'asc' : 'desc';
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const parameters = reportParameters(query, ['from', 'to', 'contentType', 'downloaded']);
  const subtitle = h('p', { class: 'page-subtitle', 'data-testid': 'period' });
  const filters = filterBar(context, ['range', 'contentType', 'downloaded'], { contentTypes: contentTypes(query, signal) });
  const ranking = panel({ title: 'Titles', testId: 'panel-media', wide: true });

  replace(main,
    h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1' }, 'Content'), subtitle),
    filters.element,
    h('div', { class: 'grid' }, ranking.element));

  ranking.load(async () => {
    const answer = await summary({ ...parameters, groupBy: 'media', sort, order, limit: pageSize, offset: (page - 1) * pageSize }, signal);
    filters.setRange(answer.from, answer.to);
    subtitle.textContent = `Sessions watched ${answer.from} to ${answer.to}, days in ${answer.timeZone}`;
    if (answer.rows.length === 0 && page === 1) {
      return empty();
    }
    return [table(context, answer, sort, order, page), pager(context, answer, page)];
  }, signal);
}

function table(context, answer, sort, order, page) {
  const headerCell = column => {
    const active = column.field === sort;
    const next = active && order === 'desc' ? 'asc' : 'desc';
    return h('th', { scope: 'col', class: 'number', 'aria-sort': active ? (order === 'asc' ? 'ascending' : 'descending') : null },
      h('button', {
        type: 'button', class: 'sort', 'data-testid': `sort-${column.field}`,
        onclick: () => context.setQuery({ sort: column.field === 'timePlayed' && next === 'desc' ? null : column.field, order: next === 'desc' ? null : next, page: null }),
      }, column.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (order === 'asc' ? '▲' : '▼') : '↕')));
  };
  const offset = (page - 1) * pageSize;
  return h('div', { class: 'table-scroll' },
    h('table', { class: 'table', 'data-testid': 'media-table' },
      h('caption', { class: 'visually-hidden' }, `Titles by ${columns.find(column => column.field === sort).label}, ${order === 'asc' ? 'ascending' : 'descending'}`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'number' }, '#'),
        h('th', { scope: 'col' }, 'Title'),
        h('th', { scope: 'col' }, 'Type'),
        columns.map(headerCell))),
      h('tbody', {}, answer.rows.map((row, index) => h('tr', { 'data-testid': 'media-row', 'data-key': row.key },
        h('td', { class: 'number muted' }, String(offset + index + 1)),
        h('th', { scope: 'row' },
          h('a', { href: `/content/${encodeURIComponent(row.key)}`, 'data-testid': 'media-link' }, row.name || row.key),
          row.name ? h('span', { class: 'subtle' }, row.key) : null),
        h('td', {}, row.contentType ?? '–'),
        columns.map(column => h('td', { class: 'number' }, value(`media-${column.field}`, row[column.field], column.format))))))));
}

function pager(context, answer, page) {
  const total = answer.totalRows ?? 0;
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, (page - 1) * pageSize + answer.rows.length);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return h('nav', { class: 'pager', 'aria-label': 'Pages of titles' },
    h('button', { type: 'button', class: 'button', disabled: page <= 1, 'data-testid': 'page-previous', onclick: () => context.setQuery({ page: page - 1 > 1 ? page - 1 : null }) }, '← Previous'),
    h('span', { class: 'pager-status', 'data-testid': 'page-status' },
      'Titles ', value('page-first', first, format.integer), '–', value('page-last', last, format.integer), ' of ', value('media-total', total, format.integer),
      ` · page ${page} of ${pages}`),
    h('button', { type: 'button', class: 'button', disabled: page >= pages, 'data-testid': 'page-next', onclick: () => context.setQuery({ page: page + 1 }) }, 'Next →'));
}
