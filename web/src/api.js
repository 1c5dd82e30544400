// The one way the explorer talks to the server: GraphQL over POST to /graphql on the
// page's own origin. Failures are told in words a clerk understands, not fetch's.
import { t } from './i18n.js';

export class ApiError extends Error {}

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
      headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
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
