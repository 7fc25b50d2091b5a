// The typed API client. Every call goes through authFetch, which adds the access token and, on a 401,
// refreshes the session once and retries once.
import createClient from 'openapi-fetch';
import { ApiError, apiErrorFromResponse, networkError } from './errors';
import { apiBaseUrl, clientHeaders, requestCredentials } from './http';
import type { paths } from './schema';
import { getAccessToken, refreshSession } from './session-token';

function withToken(request: Request, token: string | null): Request {
  const authorised = new Request(request);
  if (token === null) authorised.headers.delete('Authorization');
  else authorised.headers.set('Authorization', `Bearer ${token}`);
  return authorised;
}

export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const sentToken = getAccessToken();
  const response = await globalThis.fetch(withToken(request, sentToken));
  // Without a token a 401 is the real answer (a wrong password, say), not an expired session.
  if (response.status !== 401 || sentToken === null) return response;
  // Another call may have refreshed while this one was on its way.
  const refreshed = getAccessToken() !== sentToken || (await refreshSession());
  if (!refreshed) return response;
  return globalThis.fetch(withToken(retry, getAccessToken()));
}

export const api = createClient<paths>({
  baseUrl: apiBaseUrl,
  headers: clientHeaders,
  credentials: requestCredentials,
  fetch: authFetch,
});

interface ClientResult<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an `api` call and returns its data, or throws an ApiError, so callers deal with one kind of failure:
 * `const me = await call(api.GET('/api/v1/me'))`.
 */
export async function call<D>(pending: Promise<ClientResult<D>>): Promise<D> {
  let result: ClientResult<D>;
  try {
    result = await pending;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    if (err instanceof ApiError) throw err;
    throw networkError();
  }
  if (!result.response.ok) throw apiErrorFromResponse(result.response, result.error);
  return result.data as D;
}
