// One title: its totals and its trend per day watched.
import { chartElement, colors, dayAxis, valueAxis } from '../charts.js';
import { figure, figures, h, replace, value } from '../dom.js';
import { filterBar, reportParameters } from '../filters.js';
import * as format from '../format.js';
import { empty, panel } from '../panel.js';
import { byKey, daysBetween, summary } from '../report.js';

export const section = 'content';

export function title(context) {
  return context.parameters.mediaId;
}

export function render(main, context) {
  const { query, signal } = context;
  const mediaId = context.parameters.mediaId;
  const parameters = { ...reportParameters(query, ['from', 'to', 'downloaded']), mediaId };
  const heading = h('h1', { tabindex: '-1', 'data-testid': 'title-name' }, mediaId);
  const subtitle = h('p', { class: 'page-subtitle', 'data-testid': 'period' });
  const filters = filterBar(context, ['range', 'downloaded']);
  const totals = panel({ title: 'Totals', testId: 'panel-title-totals', wide: true });
  const trend = panel({ title: 'Per day watched', testId: 'panel-title-trend', wide: true });

  replace(main,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/content' }, 'Content'), ' / ', mediaId),
    h('div', { class: 'page-heading' }, heading, subtitle,
      h('p', {}, h('a', { href: `/sessions?mediaId=${encodeURIComponent(mediaId)}`, 'data-testid': 'title-sessions' }, 'Sessions of this title →'))),
    filters.element,
    h('div', { class: 'grid' }, totals.element, trend.element));

  // groupBy=media with the title's id: one row with its name and totals.
  const media = summary({ ...parameters, groupBy: 'media' }, signal);
  media.then(answer => {
    filters.setRange(answer.from, answer.to);
    subtitle.textContent = `${mediaId} · sessions watched ${answer.from} to ${answer.to}, days in ${answer.timeZone}`;
    const name = answer.rows[0]?.name;
    if (name) {
      heading.textContent = name;
      document.title = `${name} · Playtrail`;
    }
  }).catch(() => {});

  totals.load(async () => {
    const row = (await media).rows[0];
    if (!row) {
      return empty('No session of this title in this range.');
    }
    return figures(
      figure('Media starts', 'title-starts', row.starts, format.integer),
      figure('Content starts', 'title-contentStarts', row.contentStarts, format.integer),
      figure('Completes', 'title-completes', row.completes, format.integer),
      figure('Completion rate', 'title-completionRate', row.completionRate, format.percent),
      figure('Time played', 'title-timePlayed', row.timePlayed, format.duration),
      figure('Avg. minute audience', 'title-averageMinuteAudience', row.averageMinuteAudience, number => format.decimal(number, 2)),
      figure('Downloaded sessions', 'title-downloadedSessions', row.downloadedSessions, format.integer),
      figure('Buffer ratio', 'title-bufferRatio', row.bufferRatio, number => format.percent(number, 2)));
  }, signal);

  trend.load(async () => {
    const answer = await summary({ ...parameters, groupBy: 'day' }, signal);
    const days = daysBetween(answer.from, answer.to);
    const rows = byKey(answer.rows);
    const chart = chartElement({
      legend: { top: 0 },
      grid: { left: 72, right: 64, top: 36, bottom: 32 },
      tooltip: { trigger: 'axis' },
      xAxis: dayAxis(days, text => format.day(text)),
      yAxis: [valueAxis(format.integer, { name: 'starts' }), valueAxis(seconds => format.duration(seconds), { name: 'time played', splitLine: { show: false } })],
      series: [
        { type: 'bar', name: 'Media starts', data: days.map(dayKey => rows.get(dayKey)?.starts ?? 0), itemStyle: { color: colors.online }, barMaxWidth: 24 },
        { type: 'line', name: 'Time played', yAxisIndex: 1, data: days.map(dayKey => rows.get(dayKey)?.timePlayed ?? 0), itemStyle: { color: colors.downloaded }, showSymbol: false, tooltip: { valueFormatter: format.duration } },
      ],
    }, { testId: 'chart-title-trend', label: `Media starts and time played per day for ${mediaId}`, cleanup: context.onCleanup });
    return [chart,
      h('details', { class: 'data-table' }, h('summary', {}, 'Show the numbers'),
        h('table', { class: 'table table-compact' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col', class: 'number' }, 'Media starts'), h('th', { scope: 'col', class: 'number' }, 'Time played'))),
          h('tbody', {}, days.map(dayKey => h('tr', {},
            h('th', { scope: 'row' }, dayKey),
            h('td', { class: 'number' }, value(`trend-${dayKey}-starts`, rows.get(dayKey)?.starts ?? 0, format.integer)),
            h('td', { class: 'number' }, value(`trend-${dayKey}-timePlayed`, rows.get(dayKey)?.timePlayed ?? 0, format.duration)))))))];
  }, signal);
}
