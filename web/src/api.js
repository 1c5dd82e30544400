// The one way the explorer talks to the server: GraphQL over POST to /graphql on the
// page's own origin. Failures are told in words a clerk understands, not fetch's.
import { t } from './i18n.js';

export class ApiError extends Error {}

// The browser session, when logged in: {login, role, csrfToken}. The session id itself is
// an HttpOnly cookie the page never sees; every write echoes the CSRF token.
let session = null;

/** The logged-in account, or null. */
export function currentSession() {
  return session;
}

async function auth(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json', ...(session ? { 'X-CSRF-Token': session.csrfToken } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(t('error.network'));
  }
  return response;
}

/** The session of a reloaded page (null when there is none). */
export async function restoreSession() {
  const response = await auth('/auth/session');
  session = response.ok ? await response.json() : null;
  return session;
}

/** Logs in; throws ApiError with the reason (wrong password, too many tries). */
export async function login(name, password) {
  const response = await auth('/auth/login', { login: name, password });
  if (!response.ok) {
    const reason = { 401: 'login.wrong', 429: 'login.throttled' }[response.status] ?? 'error.http';
    throw new ApiError(t(reason, { status: response.status }));
  }
  session = await response.json();
  return session;
}

export async function logout() {
  await auth('/auth/logout', {});
  session = null;
}

/**
 * POSTs a form (a plan's file) or a JSON object to one of the server's own endpoints and
 * returns the JSON it answers; throws ApiError with the server's one-line reason on a
 * refusal (prefixed, in the page's language, by what kind of refusal it is).
 * @param {string} path
 * @param {FormData | Record<string, unknown>} body
 * @returns {Promise<any>}
 */
export async function post(path, body) {
  const form = body instanceof FormData;
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        ...(form ? {} : { 'Content-Type': 'application/json' }),
        ...(session ? { 'X-CSRF-Token': session.csrfToken } : {}),
      },
      body: form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(t('error.network'));
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch {
    // not JSON: a proxy's error page; the status says enough
  }
  if (response.ok && answer) return answer;
  const kind = { 401: 'refused.login', 403: 'refused.role', 409: 'refused.twin', 413: 'refused.size', 422: 'refused.file' }[response.status];
  const reason = answer?.error ?? t('error.http', { status: response.status });
  throw new ApiError(kind ? `${t(kind)}${reason}` : reason);
}

/**
 * Runs a GraphQL document and returns its `data`; throws ApiError with the server's
 * message when the response carries errors or is not GraphQL at all.
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @returns {Promise<any>}
 */
export async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json',
        ...(session ? { 'X-CSRF-Token': session.csrfToken } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError(t('error.network'));
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(t(response.status === 503 ? 'error.busy' : 'error.http', { status: response.status }));
  }
  if (body.errors?.length) {
    throw new ApiError(body.errors.map((e) => e.message).join('; '));
  }
  if (!response.ok) throw new ApiError(t('error.http', { status: response.status }));
  return body.data;
}
