// The dashboard's entry point: reads the server's settings, draws the header and the page for the URL.
import { getJson, isAbort } from './api.js';
import { h, replace } from './dom.js';
import { drawHeader, markSection } from './header.js';
import { navigate, route, start } from './router.js';

route('/', () => import('./pages/overview.js'));
route('/downloaded', () => import('./pages/downloaded.js'));
route('/content', () => import('./pages/content.js'));
route('/content/:mediaId', () => import('./pages/title.js'));
route('/sessions', () => import('./pages/sessions.js'));
route('/sessions/:sid', () => import('./pages/session.js'));

const main = document.getElementById('main');
const header = document.getElementById('site-header');
let cleanups = [];
let server = null;

async function render(found, url, { newPage, keepScroll, signal, token }) {
  for (const cleanup of cleanups.splice(0)) {
    cleanup();
  }
  if (!found) {
    document.title = 'Not found · Playtrail';
    replace(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '/' }, 'Back to the overview')));
    countRender();
    return;
  }
  const focusedId = document.activeElement?.id;
  const module = await found.route.load();
  if (!token()) {
    return;
  }
  const context = {
    parameters: found.parameters,
    query: url.searchParams,
    url,
    server,
    timeZone: server?.timeZone ?? 'UTC',
    signal,
    navigate,
    onCleanup: cleanup => cleanups.push(cleanup),
    /** Goes to this page with `changes` applied to its query (null removes); a new history entry. */
    setQuery(changes, { replace: replaceEntry = false, state = null } = {}) {
      const query = new URLSearchParams(url.search);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') {
          query.delete(name);
        } else {
          query.set(name, String(value));
        }
      }
      const text = query.toString();
      navigate(`${url.pathname}${text ? `?${text}` : ''}`, { replace: replaceEntry, state });
    },
  };
  markSection(header, module.section);
  document.title = `${module.title(context)} · Playtrail`;
  replace(main);
  module.render(main, context);
  if (newPage) {
    window.scrollTo(0, 0);
    main.querySelector('h1')?.focus?.();
  } else if (!keepScroll) {
    window.scrollTo(0, 0);
  }
  if (focusedId && !newPage) {
    document.getElementById(focusedId)?.focus();
  }
  countRender();
}

// Pages are drawn asynchronously; the count tells a test (or a tool) that the page for the current URL is drawn.
function countRender() {
  document.body.dataset.renders = String(Number(document.body.dataset.renders ?? 0) + 1);
}

async function boot() {
  let serverError = null;
  try {
    server = await getJson('/api/v1/server');
  } catch (error) {
    if (!isAbort(error)) {
      serverError = error;
    }
  }
  drawHeader(header, server, serverError);
  start(render);
}

boot();
