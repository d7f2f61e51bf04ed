// Downloaded: how much viewing happens offline, how late it arrives, and what happened to the uploads.
import { getJson } from '../api.js';
import { chartElement, colors, dayAxis, valueAxis } from '../charts.js';
import { figure, figures, h, replace, value } from '../dom.js';
import { filterBar, reportParameters } from '../filters.js';
import * as format from '../format.js';
import { empty, panel } from '../panel.js';
import { byKey, contentTypes, daysBetween, summary } from '../report.js';

export const section = 'downloaded';

export function title() {
  return 'Downloaded';
}

export function render(main, context) {
  const { query, signal } = context;
  const parameters = reportParameters(query, ['from', 'to', 'contentType']);
  const subtitle = h('p', { class: 'page-subtitle', 'data-testid': 'period' });
  const filters = filterBar(context, ['range', 'contentType'], { contentTypes: contentTypes(query, signal) });

  const share = panel({ title: 'Downloaded and online', testId: 'panel-share', wide: true });
  const lateness = panel({ title: 'Lateness', testId: 'panel-lateness', description: 'Time from a downloaded session\'s last event to its upload reaching the server.' });
  const arrivals = panel({ title: 'Day watched × day received', testId: 'panel-arrivals', description: 'Downloaded sessions by the day they were watched and the day their upload arrived.' });
  const uploads = panel({ title: 'Uploads per day received', testId: 'panel-uploads', wide: true, description: 'Downloaded uploads accepted, repeated (an upload already stored, answered again and not counted twice) and refused, by reason.' });

  replace(main,
    h('div', { class: 'page-heading' }, h('h1', { tabindex: '-1' }, 'Downloaded'), subtitle),
    filters.element,
    h('div', { class: 'grid' }, share.element, lateness.element, arrivals.element, uploads.element));

  const byKind = summary({ ...parameters, groupBy: 'downloaded' }, signal);
  byKind.then(answer => {
    filters.setRange(answer.from, answer.to);
    subtitle.textContent = `Sessions watched ${answer.from} to ${answer.to}, days in ${answer.timeZone}`;
  }).catch(() => {});

  share.load(async () => drawShare(context, await byKind), signal);
  lateness.load(async () => drawLateness(context, await byKind), signal);
  arrivals.load(async () => drawArrivals(context, await getJson('/api/v1/reports/arrivals', parameters, signal)), signal);
  uploads.load(async () => drawUploads(context, await getJson('/api/v1/reports/uploads', reportParameters(query, ['from', 'to']), signal)), signal);
}

function drawShare(context, answer) {
  const rows = byKey(answer.rows);
  const downloaded = rows.get('downloaded') ?? {};
  const online = rows.get('online') ?? {};
  const ratio = (part, other) => (part ?? 0) + (other ?? 0) > 0 ? (part ?? 0) / ((part ?? 0) + (other ?? 0)) : null;
  const sessionsShare = ratio(downloaded.starts, online.starts);
  const timeShare = ratio(downloaded.timePlayed, online.timePlayed);
  const donut = (testId, label, downloadedValue, onlineValue, formatter) => chartElement({
    tooltip: { trigger: 'item', valueFormatter: formatter },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', name: label, radius: ['48%', '72%'], center: ['50%', '44%'], label: { formatter: '{d} %' },
      data: [
        { name: 'Downloaded', value: downloadedValue ?? 0, itemStyle: { color: colors.downloaded } },
        { name: 'Online', value: onlineValue ?? 0, itemStyle: { color: colors.online } },
      ],
    }],
  }, { testId, label, cleanup: context.onCleanup, height: 220 });

  return h('div', { class: 'share' },
    h('div', { class: 'share-part' },
      h('h3', {}, 'Sessions'),
      donut('chart-share-sessions', 'Sessions: downloaded and online', downloaded.starts, online.starts, format.integer),
      figures(
        figure('Downloaded', 'share-sessions-downloaded', downloaded.starts, format.integer),
        figure('Online', 'share-sessions-online', online.starts, format.integer),
        figure('Downloaded share', 'share-sessions-ratio', sessionsShare, format.percent))),
    h('div', { class: 'share-part' },
      h('h3', {}, 'Time played'),
      donut('chart-share-time', 'Time played: downloaded and online', downloaded.timePlayed, online.timePlayed, format.duration),
      figures(
        figure('Downloaded', 'share-time-downloaded', downloaded.timePlayed, format.duration),
        figure('Online', 'share-time-online', online.timePlayed, format.duration),
        figure('Downloaded share', 'share-time-ratio', timeShare, format.percent))));
}

function drawLateness(context, answer) {
  const lateness = byKey(answer.rows).get('downloaded')?.lateness;
  if (!lateness || !lateness.sessions) {
    return empty('No downloaded session in this range.');
  }
  const buckets = lateness.buckets ?? [];
  const chart = chartElement({
    grid: { left: 56, right: 16, top: 16, bottom: 56 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: buckets.map(bucket => `≤ ${format.lateness(bucket.le)}`), axisLabel: { rotate: 40, hideOverlap: true } },
    yAxis: valueAxis(format.integer, { name: 'sessions', nameTextStyle: { align: 'left' } }),
    series: [{ type: 'bar', name: 'Sessions', data: buckets.map(bucket => bucket.sessions), itemStyle: { color: colors.downloaded }, barMaxWidth: 24 }],
  }, { testId: 'chart-lateness', label: 'Downloaded sessions by lateness', cleanup: context.onCleanup, height: 260 });
  return [
    figures(
      figure('Downloaded sessions', 'lateness-sessions', lateness.sessions, format.integer),
      figure('Median (p50)', 'lateness-p50', lateness.p50, format.lateness, 'upper bound of its bucket'),
      figure('p95', 'lateness-p95', lateness.p95, format.lateness)),
    chart,
    h('details', { class: 'data-table' }, h('summary', {}, 'Show the buckets'),
      h('table', { class: 'table table-compact' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Late by at most'), h('th', { scope: 'col', class: 'number' }, 'Sessions'))),
        h('tbody', {}, buckets.map(bucket => h('tr', {},
          h('th', { scope: 'row' }, value(`lateness-le-${bucket.le}`, bucket.le, format.lateness)),
          h('td', { class: 'number' }, value(`lateness-bucket-${bucket.le}`, bucket.sessions, format.integer))))))),
  ];
}

function drawArrivals(context, answer) {
  const cells = answer.cells ?? [];
  if (cells.length === 0) {
    return empty('No downloaded session in this range.');
  }
  const watched = daysBetween(answer.from, answer.to);
  // Received days from the first to the last that holds an arrival: uploads come on or after the day watched.
  const receivedDays = cells.map(cell => cell.received).sort();
  const received = daysBetween(receivedDays[0], receivedDays.at(-1));
  const maximum = Math.max(...cells.map(cell => cell.sessions));
  const chart = chartElement({
    grid: { left: 80, right: 24, top: 24, bottom: 120 },
    tooltip: {
      position: 'top',
      formatter: item => `Watched ${watched[item.value[0]]}<br>Received ${received[item.value[1]]}<br>${format.integer(item.value[2])} sessions`,
    },
    xAxis: { type: 'category', data: watched, name: 'day watched', nameLocation: 'middle', nameGap: 64, axisLabel: { formatter: format.day, rotate: 40, hideOverlap: true }, splitArea: { show: true } },
    yAxis: { type: 'category', data: received, name: 'day received', axisLabel: { formatter: format.day, hideOverlap: true }, splitArea: { show: true } },
    visualMap: { min: 0, max: maximum, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, itemWidth: 12, text: ['more sessions', 'fewer'], inRange: { color: ['#fff7ed', '#fb923c', '#9a3412'] } },
    series: [{
      type: 'heatmap', name: 'Sessions',
      data: cells.map(cell => [watched.indexOf(cell.watched), received.indexOf(cell.received), cell.sessions]),
      emphasis: { itemStyle: { borderColor: '#0f172a', borderWidth: 1 } },
    }],
  }, { testId: 'chart-arrivals', label: 'Heatmap of downloaded sessions by day watched and day received', cleanup: context.onCleanup, height: Math.min(460, 200 + (received.length * 14)) });
  return [
    chart,
    h('details', { class: 'data-table' }, h('summary', {}, 'Show the cells'),
      h('table', { class: 'table table-compact' },
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Watched'), h('th', { scope: 'col' }, 'Received'),
          h('th', { scope: 'col', class: 'number' }, 'Sessions'), h('th', { scope: 'col', class: 'number' }, 'Time played'))),
        h('tbody', {}, cells.map(cell => h('tr', {},
          h('td', {}, cell.watched), h('td', {}, cell.received),
          h('td', { class: 'number' }, value(`arrival-${cell.watched}-${cell.received}-sessions`, cell.sessions, format.integer)),
          h('td', { class: 'number' }, value(`arrival-${cell.watched}-${cell.received}-timePlayed`, cell.timePlayed, format.duration))))))),
  ];
}

function drawUploads(context, answer) {
  const rows = answer.rows ?? [];
  if (rows.length === 0) {
    return empty('No downloaded upload arrived in this range.');
  }
  // The chart covers every day of the range (a day without uploads is 0); the table lists the API's rows.
  const days = daysBetween(answer.from, answer.to);
  const byDay = new Map(rows.map(row => [row.day, row]));
  const totals = { accepted: 0, repeated: 0, refused: 0 };
  const reasons = new Map();
  for (const row of rows) {
    totals.accepted += row.accepted;
    totals.repeated += row.repeated;
    totals.refused += row.refused;
    for (const [reason, count] of Object.entries(row.refusedBy ?? {})) {
      reasons.set(reason, (reasons.get(reason) ?? 0) + count);
    }
  }
  const chart = chartElement({
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 32 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: dayAxis(days, text => format.day(text)),
    yAxis: valueAxis(format.integer),
    series: [
      { type: 'bar', name: 'Accepted', stack: 'outcome', data: days.map(day => byDay.get(day)?.accepted ?? 0), itemStyle: { color: colors.accepted }, barMaxWidth: 28 },
      { type: 'bar', name: 'Repeated', stack: 'outcome', data: days.map(day => byDay.get(day)?.repeated ?? 0), itemStyle: { color: colors.repeated }, barMaxWidth: 28 },
      { type: 'bar', name: 'Refused', stack: 'outcome', data: days.map(day => byDay.get(day)?.refused ?? 0), itemStyle: { color: colors.refused }, barMaxWidth: 28 },
    ],
  }, { testId: 'chart-uploads', label: 'Downloaded uploads per day received: accepted, repeated and refused', cleanup: context.onCleanup, height: 280 });

  const reasonList = [...reasons.entries()].sort((a, b) => b[1] - a[1]);
  return [
    figures(
      figure('Accepted', 'uploads-accepted', totals.accepted, format.integer, 'in the range'),
      figure('Repeated', 'uploads-repeated', totals.repeated, format.integer),
      figure('Refused', 'uploads-refused', totals.refused, format.integer)),
    chart,
    h('div', { class: 'columns' },
      h('div', {},
        h('h3', {}, 'Refused by reason'),
        reasonList.length === 0
          ? h('p', { class: 'muted', 'data-testid': 'uploads-no-refusals' }, 'No upload was refused.')
          : h('ul', { class: 'key-values' }, reasonList.map(([reason, count]) => h('li', {}, h('code', {}, reason), value(`uploads-refused-${reason}`, count, format.integer))))),
      h('details', { class: 'data-table' }, h('summary', {}, 'Show each day'),
        h('table', { class: 'table table-compact' },
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, 'Day received'), h('th', { scope: 'col', class: 'number' }, 'Accepted'),
            h('th', { scope: 'col', class: 'number' }, 'Repeated'), h('th', { scope: 'col', class: 'number' }, 'Refused'), h('th', { scope: 'col' }, 'Refused by'))),
          h('tbody', {}, rows.map(row => h('tr', {},
            h('th', { scope: 'row' }, row.day),
            h('td', { class: 'number' }, value(`uploads-${row.day}-accepted`, row.accepted, format.integer)),
            h('td', { class: 'number' }, value(`uploads-${row.day}-repeated`, row.repeated, format.integer)),
            h('td', { class: 'number' }, value(`uploads-${row.day}-refused`, row.refused, format.integer)),
            h('td', {}, Object.entries(row.refusedBy ?? {}).map(([reason, count]) => h('span', { class: 'tag' }, `${reason} `, value(`uploads-${row.day}-refused-${reason}`, count, format.integer)))))))))),
  ];
}
