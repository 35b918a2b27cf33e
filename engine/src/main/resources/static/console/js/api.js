// The engine's HTTP APIs as the console calls them. The APIs keep no session: every call carries HTTP Basic
// credentials, kept for this browser tab only (sessionStorage) from sign-in until sign-out or the tab closes.

const AUTHORIZATION = 'chronoflow.console.authorization';

/** A refused or failed call, with what the engine's problem document (RFC 9457) or Camunda's error said. */
export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
  }

  static async of(response) {
    const text = await response.text();
    let body = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { detail: text.slice(0, 500) };
    }
    // Chronoflow answers problem+json (title, detail); /engine-rest answers Camunda's {type, message}.
    const title = body.title || body.type || response.statusText || `HTTP ${response.status}`;
    return new ApiError(response.status, title, body.detail || body.message || '');
  }
}

/** True for the error of a call given up because its screen was left. */
export function isAborted(error) {
  return error?.name === 'AbortError';
}

/** The signed-in tab's Authorization header value. */
export const session = {
  authorization: () => sessionStorage.getItem(AUTHORIZATION),
  store: (authorization) => sessionStorage.setItem(AUTHORIZATION, authorization),
  clear: () => sessionStorage.removeItem(AUTHORIZATION),
};

/** The Authorization header for a user and password (UTF-8, as the engine decodes it). */
export function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Calls the engine. Options: body (sent as JSON), signal (AbortSignal), authorization (instead of the session's, for
 * signing in). Answers the parsed JSON (or null), throws ApiError. A 401 on the session's credentials means they no
 * longer work (password changed, user locked): the app is told with a 'cf:unauthorized' event.
 */
export async function call(method, path, { body, signal, authorization } = {}) {
  const headers = {
    Accept: 'application/json, application/problem+json',
    // Without it a 401 carries a Basic challenge and the browser would put its own login dialog over the page.
    'X-Requested-With': 'XMLHttpRequest',
  };
  const credentials = authorization ?? session.authorization();
  if (credentials) {
    headers.Authorization = credentials;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (isAborted(error)) {
      throw error;
    }
    throw new ApiError(0, 'Engine not reachable', `The engine did not answer: ${error.message}`);
  }
  if (!response.ok) {
    const error = await ApiError.of(response);
    if (response.status === 401 && authorization === undefined) {
      window.dispatchEvent(new CustomEvent('cf:unauthorized', { detail: error }));
    }
    throw error;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, options) => call('GET', path, options);
export const post = (path, body, options) => call('POST', path, { ...options, body });

/** Encodes one path segment (job keys and run ids come from the API, never trusted as path syntax). */
export const segment = (value) => encodeURIComponent(value);
