// Small DOM helpers: elements built from data, never from HTML strings, so API text is always inert.
import { raw } from './format.js';

/** Creates an element: h('a', { href: '/x', class: 'link' }, 'text', child). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/**
 * A displayed number: its text from `format`, its raw API value in data-value and a stable data-testid, so a test
 * reads exactly what the API answered.
 */
export function value(testId, number, format, tag = 'span') {
  return h(tag, { class: 'value', 'data-testid': testId, 'data-value': raw(number) }, format(number));
}

/** A labelled figure (label above, value below) for the summary strips. */
export function figure(label, testId, number, format, hint) {
  return h('div', { class: 'figure' },
    h('dt', { class: 'figure-label' }, label),
    h('dd', { class: 'figure-value' }, value(testId, number, format)),
    hint ? h('dd', { class: 'figure-hint' }, hint) : null);
}

/** A list of figures. */
export function figures(...items) {
  return h('dl', { class: 'figures' }, ...items);
}
