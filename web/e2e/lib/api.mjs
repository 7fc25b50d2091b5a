// Calling the API directly from a test, to make the data it needs quickly:
// signs a demo person in (tokens in the body, no browser cookie) and sends
// JSON with their bearer token.
import { demoUser } from './env.mjs';
import { openHttp } from './http.mjs';

/**
 * An API client signed in as the demo person with this clinic role, disposed
 * after the test: {user, get(path, params?), post(path, body), put(path, body),
 * patch(path, body), delete(path)}.
 * Each call returns the parsed JSON body and throws on a status of 300 or more.
 */
export function apiAs(t, role) {
  return apiSignedIn(t, demoUser(role));
}

/** The same client for anyone with a one-step sign-in: person is {email, password}. */
export async function apiSignedIn(t, { email, password }) {
  const http = await openHttp(t);
  const signedIn = await http.post('/api/v1/sessions', { data: { email, password } });
  if (signedIn.status() !== 201)
    throw new Error(`sign-in of ${email} answered ${signedIn.status()}: ${await signedIn.text()}`);
  const session = await signedIn.json();
  const headers = { Authorization: `Bearer ${session.access_token}` };

  async function send(method, path, { data, params } = {}) {
    const response = await http.fetch(path, { method, headers, data, params });
    if (response.status() >= 300) {
      throw new Error(`${method} ${path} as ${email} answered ${response.status()}: ${await response.text()}`);
    }
    return response.status() === 204 ? null : response.json();
  }

  return {
    user: session.user,
    get: (path, params) => send('GET', path, { params }),
    post: (path, data) => send('POST', path, { data }),
    put: (path, data) => send('PUT', path, { data }),
    patch: (path, data) => send('PATCH', path, { data }),
    delete: (path) => send('DELETE', path),
  };
}
