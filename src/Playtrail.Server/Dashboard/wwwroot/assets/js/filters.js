// The filter bar: each control reads its value from the URL and writes it back there, so a filtered view is a
// link, and back undoes a change. Changing a filter goes back to the first page of a paged list.
import { h } from './dom.js';

const pagingParameters = { page: null, after: null };

function field(name, label, control) {
  return h('div', { class: 'filter' }, h('label', { for: `filter-${name}` }, label), control);
}

function onChange(context, name) {
  return event => context.setQuery({ ...pagingParameters, [name]: event.target.value || null });
}

function select(context, name, options, value) {
  const current = value ?? '';
  const list = [...options];
  if (current && !list.some(option => option.value === current)) {
    list.push({ value: current, label: current });
  }
  return h('select', { id: `filter-${name}`, name, 'data-testid': `filter-${name}`, onchange: onChange(context, name) },
    list.map(option => h('option', { value: option.value, selected: option.value === current }, option.label)));
}

function dateInput(context, name, value) {
  return h('input', {
    type: 'date', id: `filter-${name}`, name, value: value ?? '', 'data-testid': `filter-${name}`,
    onchange: onChange(context, name),
  });
}

/** Today in the report zone (yyyy-MM-dd), the last day of the "last n days" presets. */
export function today(timeZone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date()).map(part => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function presets(context) {
  const last = today(context.timeZone);
  const first = days => new Date(Date.parse(`${last}T00:00:00Z`) - ((days - 1) * 86400000)).toISOString().slice(0, 10);
  return h('div', { class: 'filter' },
    h('span', { class: 'filter-label', id: 'filter-presets' }, 'Last'),
    h('div', { class: 'segmented', role: 'group', 'aria-labelledby': 'filter-presets' }, [7, 30, 90].map(days => {
      const active = context.query.get('from') === first(days) && context.query.get('to') === last;
      return h('button', {
        type: 'button', class: 'segment', 'aria-pressed': active ? 'true' : 'false', 'data-testid': `filter-last-${days}`,
        'aria-label': `Last ${days} days`, onclick: () => context.setQuery({ ...pagingParameters, from: first(days), to: last }),
      }, `${days} d`);
    })));
}

/**
 * Builds the filter bar for the given fields: range (from, to), day, contentType, downloaded, mediaId, status,
 * closeReason. `contentTypes` is a promise of the content types to offer. Returns the element and setRange,
 * which shows the days the API answered for when the URL names none.
 */
export function filterBar(context, fields, { contentTypes = Promise.resolve([]) } = {}) {
  const query = context.query;
  const controls = [];
  const inputs = {};
  for (const name of fields) {
    switch (name) {
      case 'range':
        inputs.from = dateInput(context, 'from', query.get('from'));
        inputs.to = dateInput(context, 'to', query.get('to'));
        controls.push(field('from', 'From', inputs.from), field('to', 'To', inputs.to), presets(context));
        break;
      case 'day':
        controls.push(field('day', 'Day watched', dateInput(context, 'day', query.get('day'))));
        break;
      case 'contentType': {
        const control = select(context, 'contentType', [{ value: '', label: 'All content types' }], query.get('contentType'));
        contentTypes.then(types => {
          const current = query.get('contentType') ?? '';
          for (const type of types) {
            if (type && type !== current) {
              control.append(h('option', { value: type }, type));
            }
          }
        }).catch(() => {});
        controls.push(field('contentType', 'Content type', control));
        break;
      }
      case 'downloaded':
        controls.push(field('downloaded', 'Watched', select(context, 'downloaded', [
          { value: '', label: 'Online and downloaded' },
          { value: 'false', label: 'Online only' },
          { value: 'true', label: 'Downloaded only' },
        ], query.get('downloaded'))));
        break;
      case 'mediaId':
        controls.push(field('mediaId', 'Content id', h('input', {
          type: 'search', id: 'filter-mediaId', name: 'mediaId', value: query.get('mediaId') ?? '', placeholder: 'Any',
          'data-testid': 'filter-mediaId', onchange: onChange(context, 'mediaId'), autocomplete: 'off', spellcheck: 'false',
        })));
        break;
      case 'status':
        controls.push(field('status', 'Status', select(context, 'status', [
          { value: '', label: 'Closed (all)' },
          { value: 'completed', label: 'Completed' },
          { value: 'ended', label: 'Ended' },
          { value: 'timedOut', label: 'Timed out' },
          { value: 'active', label: 'Open now' },
        ], query.get('status'))));
        break;
      case 'closeReason':
        controls.push(field('closeReason', 'Close reason', select(context, 'closeReason', [
          { value: '', label: 'Any' },
          { value: 'complete', label: 'complete' },
          { value: 'end', label: 'end' },
          { value: 'idle', label: 'idle' },
          { value: 'stall', label: 'stall' },
          { value: 'endOfArray', label: 'endOfArray' },
        ], query.get('closeReason'))));
        break;
      default:
        throw new Error(`Unknown filter ${name}`);
    }
  }

  const active = fields.flatMap(name => (name === 'range' ? ['from', 'to'] : [name])).some(name => query.has(name));
  const reset = active
    ? h('button', {
      type: 'button', class: 'button button-quiet', 'data-testid': 'filter-reset',
      onclick: () => context.setQuery(Object.fromEntries([...fields.flatMap(name => (name === 'range' ? ['from', 'to'] : [name])), 'page', 'after'].map(name => [name, null]))),
    }, 'Clear filters')
    : null;

  const element = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filters', 'data-testid': 'filters', onsubmit: event => event.preventDefault() },
    controls, reset);
  return {
    element,
    /** Shows the days a report covered when the URL left them to the server's default. */
    setRange(from, to) {
      if (inputs.from && !query.get('from') && from) {
        inputs.from.value = from;
      }
      if (inputs.to && !query.get('to') && to) {
        inputs.to.value = to;
      }
    },
  };
}

/** The report parameters the URL sets (the names the reporting API reads). */
export function reportParameters(query, names = ['from', 'to', 'contentType', 'downloaded', 'mediaId']) {
  const parameters = {};
  for (const name of names) {
    const value = query.get(name);
    if (value) {
      parameters[name] = value;
    }
  }
  return parameters;
}
