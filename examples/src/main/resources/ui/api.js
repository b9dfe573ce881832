// The dashboard's HTTP client: credentials of this tab, JSON requests, error messages of the API.

const STORAGE_KEY = 'meterkit.credentials';

/** A refused or failed request: the HTTP status (0 when the server was not reached) and why. */
export class ApiError extends Error {
  constructor(status, message, path) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.path = path;
  }
}

/** The credentials kept in this tab's session storage, or null. */
export function credentials() {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY));
    return stored && stored.header && stored.value ? stored : null;
  } catch {
    return null;
  }
}

/** Keeps credentials for this tab: every later request sends them. */
export function keepCredentials(stored) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
}

/** Forgets the credentials of this tab. */
export function forgetCredentials() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Credentials of an access token, sent as X-Auth-Token. */
export function tokenCredentials(token) {
  return { scheme: 'token', header: 'X-Auth-Token', value: token, label: 'token' };
}

/** Credentials of HTTP Basic authentication (user and password as UTF-8). */
export function basicCredentials(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  const base64 = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
  return { scheme: 'basic', header: 'Authorization', value: `Basic ${base64}`, label: user };
}

/**
 * GETs a JSON document. `params` is a list of [name, value] pairs (names may repeat, as the
 * q.field/q.op/q.value terms do). Throws an ApiError for anything but a 2xx JSON answer.
 */
export async function getJson(path, params = []) {
  const query = new URLSearchParams(params).toString();
  const url = query ? `${path}?${query}` : path;
  const headers = { Accept: 'application/json' };
  const stored = credentials();
  if (stored) {
    headers[stored.header] = stored.value;
  }
  let response;
  try {
    // credentials: 'omit' keeps the browser from prompting on a WWW-Authenticate challenge:
    // the page asks for credentials itself and sends them as headers.
    response = await fetch(url, { headers, credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    throw new ApiError(0, `the server cannot be reached (${error.message})`, path);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, errorMessage(text) || response.statusText, path);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(response.status, 'the answer is not JSON', path);
  }
}

/** The message of an error body in any of the API families' envelopes, or the text itself. */
export function errorMessage(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 300);
  }
  const first = Array.isArray(body) ? body[0] : body;
  if (!first || typeof first !== 'object') {
    return String(text).slice(0, 300);
  }
  const error = first.error ?? first.error_message ?? first;
  if (typeof error === 'string') {
    return error;
  }
  return (
    error.message ?? error.faultstring ?? error.description ?? error.title ?? JSON.stringify(body)
  );
}
