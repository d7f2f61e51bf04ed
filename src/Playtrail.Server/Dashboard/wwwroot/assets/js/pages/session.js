// One session: its timeline against wall time and playhead, its metrics, its ignored events and its analytics calls.
import { getJson } from '../api.js';
import { figure, figures, h, replace, value } from '../dom.js';
import * as format from '../format.js';
import { empty, panel } from '../panel.js';
import { playbackKey, timelineChart } from '../timeline.js';

export const section = 'sessions';

export function title(context) {
  return `Session ${context.parameters.sid.slice(0, 12)}…`;
}

const yesNo = flag => (flag === null || flag === undefined ? '–' : flag ? 'yes' : 'no');

export function render(main, context) {
  const { signal } = context;
  const sid = context.parameters.sid;
  const base = `/api/v1/sessions/${encodeURIComponent(sid)}`;
  const heading = h('h1', { tabindex: '-1', 'data-testid': 'session-title' }, 'Session');
  const facts = panel({ title: 'Session', testId: 'panel-session', wide: true });
  const timeline = panel({ title: 'Timeline', testId: 'panel-timeline', wide: true, description: 'Wall time in the report time zone; drag or scroll on the chart to zoom.' });
  const metrics = panel({ title: 'Metrics', testId: 'panel-metrics' });
  const ignored = panel({ title: 'Ignored events', testId: 'panel-ignored' });
  const calls = panel({ title: 'Analytics calls', testId: 'panel-calls', wide: true });

  replace(main,
    h('p', { class: 'breadcrumb' }, h('a', { href: '/sessions' }, 'Sessions'), ' / ', h('code', {}, sid)),
    h('div', { class: 'page-heading' }, heading),
    h('div', { class: 'grid' }, facts.element, timeline.element, metrics.element, ignored.element, calls.element));

  const report = getJson(base, {}, signal);
  report.then(answer => {
    heading.textContent = answer.media?.name || answer.media?.id || 'Session';
  }).catch(() => {});

  facts.load(async () => drawFacts(context, await report), signal);
  metrics.load(async () => drawMetrics(await report), signal);
  const timelineAnswer = getJson(`${base}/timeline`, {}, signal);
  ignored.load(async () => drawIgnored(await report, await timelineAnswer.catch(() => null)), signal);
  timeline.load(async () => {
    const answer = await timelineAnswer;
    if (!answer.states?.length && !answer.playhead?.length) {
      return empty('Nothing to draw: the session has no timed events yet.');
    }
    return [
      timelineChart(answer, { timeZone: context.timeZone, cleanup: context.onCleanup }),
      h('ul', { class: 'swatches', 'aria-label': 'Playback colours' }, playbackKey.map(item => h('li', {},
        h('span', { class: 'swatch', style: `background:${item.color}`, 'aria-hidden': 'true' }), item.label))),
    ];
  }, signal);
  calls.load(async () => drawCalls(context, await getJson(`${base}/calls`, {}, signal)), signal);
}

function drawFacts(context, report) {
  const zone = context.timeZone;
  const media = report.media ?? {};
  const item = (label, content) => h('div', { class: 'fact' }, h('dt', {}, label), h('dd', {}, content));
  return h('dl', { class: 'facts' },
    item('Session id', h('code', { 'data-testid': 'session-id' }, report.sessionId)),
    item('Content', [media.name || media.id, media.name ? h('span', { class: 'subtle' }, media.id) : null,
      media.id ? h('a', { class: 'fact-link', href: `/content/${encodeURIComponent(media.id)}` }, 'title report') : null]),
    item('Content type', media.contentType),
    item('Length', value('session-length', media.length, format.duration)),
    item('Mode', h('span', { class: `tag ${report.downloaded ? 'tag-downloaded' : 'tag-online'}`, 'data-testid': 'session-mode', 'data-value': String(report.downloaded) }, report.downloaded ? 'Downloaded' : 'Online')),
    item('Status', [h('span', { 'data-testid': 'session-status', 'data-value': report.status }, report.status), report.closeReason ? h('span', { class: 'subtle' }, report.closeReason) : null]),
    item('Watched', h('time', { 'data-testid': 'session-first', 'data-value': report.firstEventTs }, format.dateTime(report.firstEventTs, zone))),
    item('Last event', h('time', { 'data-testid': 'session-last', 'data-value': report.lastEventTs }, format.dateTime(report.lastEventTs, zone))),
    item('Received', h('time', { 'data-testid': 'session-received', 'data-value': report.receivedAt }, format.dateTime(report.receivedAt, zone))),
    item('Closed', h('time', { 'data-testid': 'session-closed', 'data-value': report.closedAt ?? '' }, format.dateTime(report.closedAt, zone))),
    item('Events', value('session-eventCount', report.eventCount, format.integer)),
    item('Player', [media.playerName, media.channel ? h('span', { class: 'subtle' }, media.channel) : null]));
}

function drawMetrics(report) {
  const metrics = report.metrics ?? {};
  const qoe = metrics.qoe ?? {};
  const progress = ['progress10', 'progress25', 'progress50', 'progress75', 'progress95'].filter(name => metrics[name]).map(name => `${name.slice(8)} %`);
  return [
    figures(
      figure('Time played', 'metric-timePlayed', metrics.timePlayed, format.duration),
      figure('With ads', 'metric-totalTimePlayed', metrics.totalTimePlayed, format.duration),
      figure('Unique time played', 'metric-uniqueTimePlayed', metrics.uniqueTimePlayed, format.duration),
      figure('Avg. minute audience', 'metric-averageMinuteAudience', metrics.averageMinuteAudience, number => format.decimal(number, 3)),
      figure('Pauses', 'metric-pauseCount', metrics.pauseCount, format.integer),
      figure('Time paused', 'metric-pauseTime', metrics.pauseTime, format.duration),
      figure('Ads', 'metric-adCount', metrics.adCount, format.integer),
      figure('Chapters', 'metric-chapterCount', metrics.chapterCount, format.integer),
      figure('Time to start', 'metric-timeToStart', qoe.timeToStart, format.duration),
      figure('Average bitrate', 'metric-bitrateAverage', qoe.bitrateAverage, format.bitrate),
      figure('Buffering', 'metric-bufferTime', qoe.bufferTime, format.duration, format.times(qoe.bufferCount)),
      figure('Stalls', 'metric-stallTime', qoe.stallTime, format.duration, format.times(qoe.stallCount)),
      figure('Errors', 'metric-errorCount', qoe.errorCount, format.integer)),
    h('ul', { class: 'key-values' },
      h('li', {}, h('span', {}, 'Content started'), h('span', { 'data-testid': 'metric-play', 'data-value': String(metrics.play) }, yesNo(metrics.play))),
      h('li', {}, h('span', {}, 'Completed'), h('span', { 'data-testid': 'metric-complete', 'data-value': String(metrics.complete) }, yesNo(metrics.complete))),
      h('li', {}, h('span', {}, 'Progress reached'), h('span', {}, progress.length > 0 ? progress.join(' · ') : 'none'))),
  ];
}

// The report lists the ignored events by index; the timeline, when it answered, names their type and time.
function drawIgnored(report, timeline) {
  const ignored = report.ignoredEvents ?? [];
  if (ignored.length === 0) {
    return h('p', { class: 'muted', 'data-testid': 'ignored-none' }, 'Every event was used.');
  }
  const events = new Map((timeline?.events ?? []).map(event => [event.index, event]));
  return h('div', { class: 'scroll-box' }, h('table', { class: 'table table-compact', 'data-testid': 'ignored-table' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'number' }, 'Event #'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Reason'))),
    h('tbody', {}, ignored.map(event => h('tr', { 'data-testid': 'ignored-row' },
      h('td', { class: 'number' }, value('ignored-index', event.index, format.integer)),
      h('td', {}, events.get(event.index)?.type ?? '–'),
      h('td', {}, h('code', {}, event.reason)))))));
}

function drawCalls(context, calls) {
  if (!Array.isArray(calls) || calls.length === 0) {
    return h('p', { class: 'muted' }, 'No analytics call was made for this session.');
  }
  return h('div', { class: 'scroll-box' },
    h('table', { class: 'table table-compact', 'data-testid': 'calls' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col', class: 'number' }, '#'),
        h('th', { scope: 'col' }, 'Call'),
        h('th', { scope: 'col' }, 'Time watched'),
        h('th', { scope: 'col' }, 'Context data'))),
      h('tbody', {}, calls.map((call, index) => {
        const entries = Object.entries(call.contextData ?? {});
        return h('tr', { 'data-testid': 'call' },
          h('td', { class: 'number muted' }, String(index + 1)),
          h('th', { scope: 'row' }, h('code', {}, call.type)),
          h('td', {}, call.ts === null || call.ts === undefined
            ? h('span', { class: 'muted' }, 'sent live')
            : h('time', { 'data-value': call.ts }, format.dateTime(call.ts, context.timeZone))),
          h('td', {}, h('details', {},
            h('summary', {}, value('call-values', entries.length, format.integer), ' values'),
            h('table', { class: 'table table-compact context-data', 'aria-label': `Context data of call ${index + 1}` },
              h('tbody', {}, entries.map(([key, data]) => h('tr', {}, h('th', { scope: 'row' }, h('code', {}, key)), h('td', {}, String(data)))))))));
      }))));
}
