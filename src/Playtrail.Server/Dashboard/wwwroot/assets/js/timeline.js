// The session timeline chart: lanes of intervals (playback states, ad breaks, ads, chapters, player states, errors)
// above the playhead and the bitrate, all on one wall-time axis in the server's time zone.
import { chartElement, colors } from './charts.js';
import * as format from './format.js';

const stateColors = {
  starting: '#94a3b8',
  playing: '#15803d',
  paused: '#64748b',
  buffering: '#d97706',
  stalled: '#b91c1c',
};
const adPlayingColor = '#7c3aed';
const adBreakColor = '#a78bfa';
const chapterColors = ['#0891b2', '#155e75'];
const playerStateColor = '#0f766e';

/** The playback colours, for the key drawn under the chart. */
export const playbackKey = [
  { label: 'playing', color: stateColors.playing },
  { label: 'playing an ad', color: adPlayingColor },
  { label: 'paused', color: stateColors.paused },
  { label: 'buffering', color: stateColors.buffering },
  { label: 'stalled', color: stateColors.stalled },
  { label: 'starting', color: stateColors.starting },
];

/** The series names, in legend order. */
export const timelineSeries = ['Playback', 'Ad breaks', 'Ads', 'Chapters', 'Player states', 'Errors', 'Playhead', 'Bitrate'];

/** The chart element for a GET /api/v1/sessions/{sid}/timeline answer. */
export function timelineChart(timeline, { timeZone, cleanup }) {
  const playerStateNames = [...new Set((timeline.playerStates ?? []).map(state => state.name))];
  const lanes = ['Playback', 'Ad breaks', 'Ads', 'Chapters', ...playerStateNames.map(name => `State: ${name}`), 'Errors'];
  const lane = name => lanes.indexOf(name);
  const time = value => format.timeOfDay(value, timeZone);

  const interval = (laneName, start, end, color, tip) => ({ value: [lane(laneName), start, end], itemStyle: { color }, tip });

  const playback = (timeline.states ?? []).map(state => interval('Playback', state.start, state.end,
    state.state === 'playing' && (state.inAd || state.inBreak) ? adPlayingColor : stateColors[state.state] ?? colors.neutral,
    `${state.state}${state.inAd ? ' (ad)' : state.inBreak ? ' (ad break)' : ''}<br>${time(state.start)} – ${time(state.end)} · ${format.duration((state.end - state.start) / 1000)}<br>playhead ${format.playhead(state.startPlayhead)} → ${format.playhead(state.endPlayhead)}`));
  const adBreaks = (timeline.adBreaks ?? []).map(adBreak => interval('Ad breaks', adBreak.start, adBreak.end, adBreakColor,
    `Ad break ${adBreak.name ?? ''} (pod ${adBreak.podIndex}, at ${format.playhead(adBreak.podSecond)})<br>${time(adBreak.start)} – ${time(adBreak.end)}`));
  const ads = (timeline.ads ?? []).map(ad => interval('Ads', ad.start, ad.end, ad.skipped ? '#c4b5fd' : adPlayingColor,
    `Ad ${ad.name ?? ad.adId} #${ad.podPosition}${ad.skipped ? ' · skipped' : ad.complete ? ' · complete' : ''}<br>${format.duration(ad.timePlayed)} of ${format.duration(ad.length)}`));
  const chapters = (timeline.chapters ?? []).map((chapter, index) => interval('Chapters', chapter.start, chapter.end, chapterColors[index % 2],
    `Chapter ${chapter.index}${chapter.name ? ` · ${chapter.name}` : ''}<br>${format.duration(chapter.timePlayed)} played${chapter.complete ? ' · complete' : chapter.skipped ? ' · skipped' : ''}`));
  const playerStates = (timeline.playerStates ?? []).map(state => interval(`State: ${state.name}`, state.start, state.end, playerStateColor,
    `${state.name}<br>${time(state.start)} – ${time(state.end)}`));
  const errors = (timeline.errors ?? []).map(error => ({
    value: [error.ts, lane('Errors')],
    tip: `Error ${error.errorId} (${error.source})<br>${time(error.ts)} · playhead ${format.playhead(error.playhead)}`,
  }));

  // The series colour is the legend's; each interval carries its own.
  const intervalSeries = (name, data, color) => ({
    type: 'custom', name, renderItem: renderInterval, data, xAxisIndex: 0, yAxisIndex: 0,
    encode: { x: [1, 2], y: 0 }, itemStyle: { color },
    tooltip: { formatter: item => item.data.tip },
  });

  const start = timeline.firstTs ?? timeline.states?.[0]?.start;
  const end = timeline.lastTs ?? timeline.states?.at(-1)?.end;
  const laneHeight = 28;
  const lanesHeight = lanes.length * laneHeight;

  return chartElement({
    legend: { top: 0, type: 'scroll', data: timelineSeries },
    tooltip: { trigger: 'item', confine: true },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 110, right: 72, top: 36, height: lanesHeight },
      { left: 110, right: 72, top: 36 + lanesHeight + 40, height: 170 },
    ],
    xAxis: [
      { type: 'time', gridIndex: 0, min: start, max: end, axisLabel: { formatter: time, hideOverlap: true }, splitLine: { show: true, lineStyle: { color: colors.grid } } },
      { type: 'time', gridIndex: 1, min: start, max: end, axisLabel: { formatter: time, hideOverlap: true }, name: `wall time (${timeZone})`, nameLocation: 'middle', nameGap: 28 },
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, data: lanes, inverse: true, axisTick: { show: false }, splitLine: { show: true, lineStyle: { color: colors.grid } } },
      { type: 'value', gridIndex: 1, name: 'playhead', axisLabel: { formatter: format.playhead }, splitLine: { lineStyle: { color: colors.grid } } },
      { type: 'value', gridIndex: 1, name: 'bitrate', position: 'right', axisLabel: { formatter: format.integer }, splitLine: { show: false } },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1], filterMode: 'weakFilter' },
      { type: 'slider', xAxisIndex: [0, 1], filterMode: 'weakFilter', bottom: 8, height: 20, labelFormatter: time },
    ],
    series: [
      intervalSeries('Playback', playback, stateColors.playing),
      intervalSeries('Ad breaks', adBreaks, adBreakColor),
      intervalSeries('Ads', ads, adPlayingColor),
      intervalSeries('Chapters', chapters, chapterColors[0]),
      intervalSeries('Player states', playerStates, playerStateColor),
      {
        type: 'scatter', name: 'Errors', xAxisIndex: 0, yAxisIndex: 0, data: errors, symbol: 'triangle', symbolSize: 12,
        itemStyle: { color: stateColors.stalled }, tooltip: { formatter: item => item.data.tip },
      },
      {
        type: 'line', name: 'Playhead', xAxisIndex: 1, yAxisIndex: 1, showSymbol: false, itemStyle: { color: colors.online },
        data: (timeline.playhead ?? []).map(sample => [sample.ts, sample.playhead]),
        tooltip: { trigger: 'axis', valueFormatter: format.playhead },
      },
      {
        type: 'line', name: 'Bitrate', xAxisIndex: 1, yAxisIndex: 2, step: 'end', showSymbol: false, itemStyle: { color: colors.downloaded },
        data: bitrateSteps(timeline.bitrate ?? [], end),
      },
    ],
  }, { testId: 'chart-timeline', label: 'Session timeline: playback states, ads, chapters and player states over wall time, with the playhead and bitrate', cleanup, height: lanesHeight + 330 });
}

// A bitrate holds until the next change, or the session's end.
function bitrateSteps(steps, end) {
  const points = steps.map(step => [step.ts, step.value]);
  if (points.length > 0 && end && end > points.at(-1)[0]) {
    points.push([end, points.at(-1)[1]]);
  }
  return points;
}

function renderInterval(params, api) {
  const laneIndex = api.value(0);
  const from = api.coord([api.value(1), laneIndex]);
  const to = api.coord([api.value(2), laneIndex]);
  const height = api.size([0, 1])[1] * 0.62;
  const shape = globalThis.echarts.graphic.clipRectByRect(
    { x: from[0], y: from[1] - height / 2, width: Math.max(to[0] - from[0], 1.5), height },
    { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
  return shape && { type: 'rect', transition: ['shape'], shape, style: api.style() };
}
