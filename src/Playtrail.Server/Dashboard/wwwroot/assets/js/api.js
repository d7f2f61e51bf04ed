// The reporting API as the dashboard reads it: JSON in, problem documents (RFC 9457) out as ApiError.

/** An API answer other than 2xx, carrying the problem document's title and detail. */
export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problemText(status, problem));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.url = url;
  }
}

function problemText(status, problem) {
  const detail = problem?.detail || problem?.title || `The server answered ${status}.`;
  const errors = Array.isArray(problem?.errors) ? problem.errors.map(error => error.message || error.rule).filter(Boolean) : [];
  return errors.length > 0 ? `${detail} ${errors.join(' ')}` : detail;
}

/** The path with the given query parameters; null, undefined and empty values are left out. */
export function withQuery(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== null && value !== undefined && value !== '') {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Where a 401 sends the browser: the login page, coming back to this page afterwards. */
export function loginUrl() {
  const here = `${location.pathname}${location.search}`;
  return withQuery('/login', { returnUrl: here });
}

// A page makes several calls at once; only the first 401 navigates, so a second navigation never aborts the first.
let sentToLogin = false;

/** GETs JSON; a 401 goes to the login page; any other failure throws ApiError. */
export async function getJson(path, parameters = {}, signal = undefined) {
  const url = withQuery(path, parameters);
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiError(0, { title: 'The server could not be reached.', detail: `The server could not be reached (${error.message}).` }, url);
  }
  if (response.status === 401) {
    if (!sentToLogin) {
      sentToLogin = true;
      location.assign(loginUrl());
    }
    throw new ApiError(401, { title: 'Sign-in needed', detail: 'This server needs an API key: opening the login page.' }, url);
  }
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch {
      problem = { title: `${response.status} ${response.statusText}` };
    }
    throw new ApiError(response.status, problem, url);
  }
  return response.json();
}

/** True for the error a fetch throws when its page was left before it answered. */
export function isAbort(error) {
  return error?.name === 'AbortError';
}
