// Client-side routes with real URLs: every page and filter is a link; back and forward work.

const routes = [];
let current = null;
let renderToken = 0;

/** Registers a page: `pattern` is a path with :name segments, `load` returns the page module. */
export function route(pattern, load) {
  const names = [];
  const expression = new RegExp(`^${pattern.replace(/:([a-zA-Z]+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  })}/?$`);
  routes.push({ expression, names, load });
}

/** The route matching `path`, with its decoded parameters, or null. */
export function match(path) {
  for (const candidate of routes) {
    const found = candidate.expression.exec(path);
    if (found) {
      const parameters = {};
      candidate.names.forEach((name, index) => { parameters[name] = decodeURIComponent(found[index + 1]); });
      return { route: candidate, parameters };
    }
  }
  return null;
}

let renderPage = () => {};

/** Starts the router: `render(found, url, { focus })` draws the page for a URL. */
export function start(render) {
  renderPage = render;
  window.addEventListener('popstate', () => show(false));
  document.addEventListener('click', event => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    const anchor = event.target.closest('a[href]');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) {
      return;
    }
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || !match(url.pathname)) {
      return;
    }
    event.preventDefault();
    navigate(`${url.pathname}${url.search}`);
  });
  show(false);
}

/** Goes to `url` (a path and query), adding a history entry unless `replace`. */
export function navigate(url, { replace = false, state = null } = {}) {
  const samePath = new URL(url, location.href).pathname === location.pathname;
  if (replace) {
    history.replaceState(state, '', url);
  } else {
    history.pushState(state, '', url);
  }
  show(!samePath, samePath);
}

function show(newPage, keepScroll = false) {
  const token = ++renderToken;
  const found = match(location.pathname);
  current?.abort();
  current = new AbortController();
  renderPage(found, new URL(location.href), { newPage, keepScroll, signal: current.signal, token: () => token === renderToken });
}
