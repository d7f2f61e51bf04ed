// Overview: what was watched in the range, per day (online and downloaded stacked), how far people got,
// the quality of experience, and the sessions open now.
import { getJson } from '../api.js';
import { chartElement, colors, dayAxis, valueAxis } from '../charts.js';
import { figure, figures, h, replace, value } from '../dom.js';
import { filterBar, reportParameters } from '../filters.js';
import * as format from '../format.js';
import { empty, panel } from '../panel.js';
import { byKey, contentTypes, daysBetween, summary } from '../report.js';

export const section = 'overview';

export function title() {
  return 'Overview';
}

const dailyMeasures = [
  { field: 'timePlayed', label: 'Time played', format: format.duration },
  { field: 'starts', label: 'Media starts', format: format.integer },
  { field: 'contentStarts', label: 'Content starts', format: format.integer },
  { field: 'completes', label: 'Completes', format: format.integer },
];

const funnelSteps = [
  { field: 'starts', label: 'Media starts' },
  { field: 'contentStarts', label: 'Content starts' },
  { field: 'progress25', label: '25 % watched' },
  { field: 'progress50', label: '50 % watched' },
  { field: 'progress75', label: '75 % watched' },
  { field: 'progress95', label: '95 % watched' },
  { field: 'completes', label: 'Completes' },
];

export function render(main, context) {
  const { query, signal } = context;
  const parameters = reportParameters(query, ['from', 'to', 'contentType', 'downloaded']);
  const subtitle = h('p', { class: 'page-subtitle', 'data-testid': 'period' });
  const filters = filterBar(context, ['range', 'contentType', 'downloaded'], { contentTypes: contentTypes(query, signal) });

  const kpis = panel({ title: 'Viewing', testId: 'panel-kpis', wide: true });
  const daily = panel({ title: 'Per day watched', testId: 'panel-daily', wide: true, description: 'Online and downloaded sessions stacked, by the day they were watched.' });
  const funnel = panel({ title: 'Completion funnel', testId: 'panel-funnel' });
  const qoe = panel({ title: 'Quality of experience', testId: 'panel-qoe' });
  const active = panel({ title: 'Open sessions now', testId: 'panel-active', description: 'Online sessions still taking events, whatever the filters.' });

  replace(main,
    h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1' }, 'Overview'), subtitle),
    filters.element,
    h('div', { class: 'grid' }, kpis.element, daily.element, funnel.element, h('div', { class: 'stack' }, qoe.element, active.element)));

  const total = summary({ ...parameters, groupBy: 'total' }, signal);
  total.then(answer => {
    filters.setRange(answer.from, answer.to);
    subtitle.textContent = `Sessions watched ${answer.from} to ${answer.to}, days in ${answer.timeZone}`;
    subtitle.dataset.from = answer.from;
    subtitle.dataset.to = answer.to;
  }).catch(() => {});

  kpis.load(async () => {
    const row = (await total).rows[0] ?? {};
    return figures(
      figure('Media starts', 'kpi-starts', row.starts, format.integer),
      figure('Content starts', 'kpi-contentStarts', row.contentStarts, format.integer),
      figure('Completes', 'kpi-completes', row.completes, format.integer),
      figure('Completion rate', 'kpi-completionRate', row.completionRate, format.percent, 'completes / content starts'),
      figure('Time played', 'kpi-timePlayed', row.timePlayed, format.duration),
      figure('Average minute audience', 'kpi-averageMinuteAudience', row.averageMinuteAudience, value => format.decimal(value, 2)),
      figure('Ad starts', 'kpi-adStarts', row.adStarts, format.integer),
      figure('Downloaded sessions', 'kpi-downloadedSessions', row.downloadedSessions, format.integer));
  }, signal);

  daily.load(async () => drawDaily(context, parameters, await total), signal);

  funnel.load(async () => {
    const row = (await total).rows[0] ?? {};
    if (!row.starts) {
      return empty();
    }
    const base = row.contentStarts;
    const table = h('table', { class: 'table table-compact' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Step'), h('th', { scope: 'col', class: 'number' }, 'Sessions'), h('th', { scope: 'col', class: 'number' }, 'Of content starts'))),
      h('tbody', {}, funnelSteps.map(step => h('tr', {},
        h('th', { scope: 'row' }, step.label),
        h('td', { class: 'number' }, value(`funnel-${step.field}`, row[step.field], format.integer)),
        h('td', { class: 'number' }, value(`funnel-${step.field}-share`, base && step.field !== 'starts' ? row[step.field] / base : null, format.percent))))));
    const chart = chartElement({
      grid: { left: 110, right: 24, top: 8, bottom: 24 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: valueAxis(format.integer),
      yAxis: { type: 'category', inverse: true, data: funnelSteps.map(step => step.label), axisTick: { show: false } },
      series: [{ type: 'bar', name: 'Sessions', data: funnelSteps.map(step => row[step.field] ?? 0), itemStyle: { color: colors.online, borderRadius: [0, 3, 3, 0] }, barMaxWidth: 22 }],
    }, { testId: 'chart-funnel', label: 'Completion funnel: sessions reaching each step', cleanup: context.onCleanup, height: 240 });
    return [chart, table];
  }, signal);

  qoe.load(async () => {
    const row = (await total).rows[0] ?? {};
    return figures(
      figure('Average time to start', 'qoe-averageTimeToStart', row.averageTimeToStart, format.duration),
      figure('Buffer ratio', 'qoe-bufferRatio', row.bufferRatio, value => format.percent(value, 2), 'buffering / (buffering + playing)'),
      figure('Average bitrate', 'qoe-averageBitrate', row.averageBitrate, format.bitrate),
      figure('Errors per session', 'qoe-errorsPerSession', row.errorsPerSession, value => format.decimal(value, 3)),
      figure('Sessions with errors', 'qoe-errorSessions', row.errorSessions, format.integer),
      figure('Stalls', 'qoe-stallCount', row.stallCount, format.integer));
  }, signal);

  const loadActive = quiet => active.load(async () => {
    const answer = await getJson('/api/v1/reports/active', {}, signal);
    const types = Object.entries(answer.byContentType ?? {}).sort((a, b) => b[1] - a[1]);
    return [
      h('p', { class: 'big-number' }, value('active-total', answer.active, format.integer)),
      types.length > 0
        ? h('ul', { class: 'key-values' }, types.map(([type, count]) => h('li', {}, h('span', {}, type), value(`active-${type}`, count, format.integer))))
        : h('p', { class: 'muted' }, 'No session is open.'),
      h('p', { class: 'muted small' }, 'As of ', h('time', { datetime: answer.asOf, 'data-testid': 'active-asOf' }, format.dateTime(answer.asOf, context.timeZone))),
    ];
  }, signal, { quiet });
  loadActive(false);
  const timer = setInterval(() => loadActive(true), 30000);
  context.onCleanup(() => clearInterval(timer));
}

async function drawDaily(context, parameters, totalAnswer) {
  const { query, signal } = context;
  const measure = dailyMeasures.find(item => item.field === query.get('measure')) ?? dailyMeasures[0];
  const wanted = parameters.downloaded;
  // Two calls, one per kind, so each bar stack is the API's own per-day number for that kind.
  const [online, downloaded] = await Promise.all([
    wanted === 'true' ? null : summary({ ...parameters, downloaded: 'false', groupBy: 'day' }, signal),
    wanted === 'false' ? null : summary({ ...parameters, downloaded: 'true', groupBy: 'day' }, signal),
  ]);
  const days = daysBetween(totalAnswer.from, totalAnswer.to);
  const onlineRows = byKey(online?.rows);
  const downloadedRows = byKey(downloaded?.rows);
  const valueOf = (rows, dayKey) => rows.get(dayKey)?.[measure.field] ?? 0;

  const tabs = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Measure' },
    dailyMeasures.map(item => h('button', {
      type: 'button', class: 'segment', 'aria-pressed': item === measure ? 'true' : 'false', 'data-testid': `daily-measure-${item.field}`,
      onclick: () => context.setQuery({ measure: item === dailyMeasures[0] ? null : item.field }),
    }, item.label)));

  const kinds = [
    online ? { name: 'Online', key: 'online', rows: onlineRows, color: colors.online } : null,
    downloaded ? { name: 'Downloaded', key: 'downloaded', rows: downloadedRows, color: colors.downloaded } : null,
  ].filter(Boolean);

  const chart = chartElement({
    legend: { top: 0, data: kinds.map(kind => kind.name) },
    grid: { left: 72, right: 16, top: 36, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: measure.format },
    xAxis: dayAxis(days, text => format.day(text)),
    yAxis: valueAxis(measure.field === 'timePlayed' ? seconds => format.duration(seconds) : format.integer),
    series: kinds.map(kind => ({
      type: 'bar', name: kind.name, stack: 'kind', data: days.map(dayKey => valueOf(kind.rows, dayKey)),
      itemStyle: { color: kind.color }, barMaxWidth: 28, emphasis: { focus: 'series' },
    })),
  }, { testId: 'chart-daily', label: `${measure.label} per day watched, online and downloaded stacked`, cleanup: context.onCleanup });

  const table = h('details', { class: 'data-table' },
    h('summary', {}, 'Show the numbers'),
    h('table', { class: 'table table-compact' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Day'),
        kinds.map(kind => h('th', { scope: 'col', class: 'number' }, kind.name)))),
      h('tbody', {}, days.map(dayKey => h('tr', { 'data-day': dayKey },
        h('th', { scope: 'row' }, `${dayKey} (${format.day(dayKey)})`),
        kinds.map(kind => h('td', { class: 'number' }, value(`daily-${kind.key}-${dayKey}`, valueOf(kind.rows, dayKey), measure.format))))))));

  return [tabs, chart, table];
}
