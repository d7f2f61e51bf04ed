// A panel: a titled card with a loading state, an error state (the problem document's detail) and its content.
import { h, replace } from './dom.js';
import { isAbort } from './api.js';
import { mountCharts } from './charts.js';

/**
 * Creates a panel. data-state is loading, error or ready, so tests (and screen readers, through aria-busy)
 * know when its numbers are final.
 */
export function panel({ title, testId, wide = false, actions = null, description = null }) {
  const headingId = `${testId}-title`;
  const body = h('div', { class: 'panel-body' });
  const element = h('section', { class: `panel${wide ? ' panel-wide' : ''}`, 'data-testid': testId, 'aria-labelledby': headingId },
    h('header', { class: 'panel-header' },
      h('h2', { id: headingId, class: 'panel-title' }, title),
      actions),
    description ? h('p', { class: 'panel-description' }, description) : null,
    body);

  const api = {
    element,
    body,
    loading() {
      element.dataset.state = 'loading';
      element.setAttribute('aria-busy', 'true');
      replace(body, h('div', { class: 'panel-loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading…'));
    },
    error(error) {
      element.dataset.state = 'error';
      element.removeAttribute('aria-busy');
      replace(body, h('div', { class: 'panel-error', role: 'alert', 'data-testid': `${testId}-error` },
        h('strong', {}, error?.status ? `Error ${error.status}` : 'Error'),
        h('p', {}, error?.message ?? String(error))));
    },
    show(...children) {
      element.dataset.state = 'ready';
      element.removeAttribute('aria-busy');
      replace(body, ...children);
      mountCharts(body);
    },
    /**
     * Shows the loading state, awaits `work`, then its content or its error; ignored once the page is left.
     * `quiet` keeps the current content on screen while a refresh loads.
     */
    async load(work, signal, { quiet = false } = {}) {
      if (!quiet) {
        api.loading();
      }
      try {
        const content = await work();
        if (!signal?.aborted) {
          api.show(...[content].flat());
        }
      } catch (error) {
        if (!isAbort(error) && !signal?.aborted) {
          api.error(error);
          console.error(error);
        }
      }
    },
  };
  api.loading();
  return api;
}

/** A short message in place of a chart or table when the query matched nothing. */
export function empty(text = 'No sessions match these filters.') {
  return h('p', { class: 'empty', 'data-testid': 'empty' }, text);
}
