import { ApiError, apiErrorFromResponse, networkError } from '../api/errors';
import { authFetch } from '../api/client';
import { apiBaseUrl, clientHeaders, requestCredentials } from '../api/http';
import type { Session } from './session';

// GET /api/v1/me is not in docs/openapi.yaml yet, so it goes through authFetch without the typed client.
export async function loadSession(): Promise<Session> {
  let response: Response;
  try {
    response = await authFetch(
      new Request(`${apiBaseUrl}/api/v1/me`, { headers: clientHeaders, credentials: requestCredentials }),
    );
  } catch (err) {
    throw err instanceof ApiError ? err : networkError();
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw apiErrorFromResponse(response, body);
  return body as Session;
}
