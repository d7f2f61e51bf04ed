// The header on every page: navigation, the server's time zone and access mode, sign-out when keys are on.
import { h, replace } from './dom.js';

const links = [
  { href: '/', label: 'Overview', section: 'overview' },
  { href: '/downloaded', label: 'Downloaded', section: 'downloaded' },
  { href: '/content', label: 'Content', section: 'content' },
  { href: '/sessions', label: 'Sessions', section: 'sessions' },
];

/** Draws the header; `server` is GET /api/v1/server's answer, or an error when it failed. */
export function drawHeader(element, server, serverError) {
  const nav = h('nav', { class: 'site-nav', 'aria-label': 'Main' },
    h('ul', {}, links.map(link => h('li', {},
      h('a', { href: link.href, 'data-section': link.section, 'data-testid': `nav-${link.section}` }, link.label)))));

  const meta = h('div', { class: 'site-meta' });
  if (server) {
    meta.append(
      h('span', { class: 'meta-item', title: 'Report days are days in this time zone (Reporting:TimeZone)' },
        h('span', { class: 'meta-label' }, 'Time zone '),
        h('strong', { 'data-testid': 'server-timezone', 'data-value': server.timeZone }, server.timeZone)),
      h('span', { class: `access access-${server.access}`, 'data-testid': 'server-access', 'data-value': server.access },
        server.access === 'open' ? 'Open access' : 'API keys'));
    if (server.version) {
      meta.append(h('span', { class: 'meta-item meta-version', 'data-testid': 'server-version' }, `v${server.version}`));
    }
    if (server.access === 'keys') {
      meta.append(h('form', { method: 'post', action: '/logout', class: 'logout' },
        h('button', { type: 'submit', class: 'button button-quiet', 'data-testid': 'logout' }, 'Sign out')));
    }
  } else if (serverError) {
    meta.append(h('span', { class: 'meta-item meta-error', role: 'alert', 'data-testid': 'server-error' },
      `Server information unavailable: ${serverError.message}`));
  }

  const bar = h('div', { class: 'site-bar' },
    h('a', { class: 'brand', href: '/', 'aria-label': 'Playtrail overview' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), 'Playtrail'),
    nav,
    meta);

  const warning = server?.access === 'open'
    ? h('div', { class: 'open-warning', role: 'note', 'data-testid': 'open-warning' },
      h('strong', {}, 'No API key is configured.'),
      ' Anyone who can reach this server can read these reports and the session data. Set ',
      h('code', {}, 'Reporting:ApiKeys'), ' to require a key.')
    : null;

  replace(element, bar, warning);
}

/** Marks the link of the current section. */
export function markSection(element, section) {
  for (const link of element.querySelectorAll('.site-nav a')) {
    if (link.dataset.section === section) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}
