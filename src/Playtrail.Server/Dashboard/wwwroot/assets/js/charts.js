// ECharts (the global `echarts` from assets/lib/echarts) with the dashboard's look. A chart is created
// as an element first and drawn once its panel shows it, when it has a size.

export const colors = {
  online: '#2563eb',
  downloaded: '#c2410c',
  accepted: '#15803d',
  repeated: '#7c3aed',
  refused: '#b91c1c',
  neutral: '#475569',
  grid: '#e2e8f0',
  text: '#334155',
};

export const series = ['#2563eb', '#c2410c', '#15803d', '#7c3aed', '#0891b2', '#b45309', '#be185d', '#475569'];

const pending = new Map();

/**
 * An element that becomes a chart when mounted. `cleanup` receives the function that disposes it (the page
 * calls it when it is left). `label` is the chart's accessible name; ECharts adds a description of the data.
 */
export function chartElement(option, { testId, label, cleanup, height = 320 }) {
  const element = document.createElement('div');
  element.className = 'chart';
  element.style.height = `${height}px`;
  element.dataset.testid = testId;
  element.dataset.chart = 'pending';
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', label);
  pending.set(element, { option, cleanup });
  return element;
}

/** Draws the pending charts under `root` (called once the root is in the document). */
export function mountCharts(root) {
  for (const [element, { option, cleanup }] of pending) {
    if (!root.contains(element)) {
      continue;
    }
    pending.delete(element);
    const instance = globalThis.echarts.init(element, null, { renderer: 'canvas' });
    instance.setOption({
      animation: false,
      color: series,
      aria: { enabled: true },
      textStyle: { fontFamily: 'inherit', color: colors.text },
      ...option,
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    element.dataset.chart = 'ready';
    cleanup?.(() => {
      observer.disconnect();
      instance.dispose();
    });
  }
}

/** Axis and tooltip defaults for a chart of days. */
export function dayAxis(days, formatter) {
  return {
    type: 'category',
    data: days,
    axisLabel: { formatter, hideOverlap: true },
    axisTick: { alignWithLabel: true },
    axisLine: { lineStyle: { color: colors.grid } },
  };
}

export function valueAxis(formatter, extra = {}) {
  return {
    type: 'value',
    axisLabel: { formatter },
    splitLine: { lineStyle: { color: colors.grid } },
    ...extra,
  };
}
