import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, call } from './client';
import { ApiError } from './errors';
import { clearSession, getAccessToken, kRefreshAtFraction, onSessionEvent, startSession } from './session-token';

const refreshPath = '/api/v1/sessions/refresh';

function asRequest(input: RequestInfo | URL, init?: RequestInit): Request {
  return input instanceof Request ? input : new Request(input, init);
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const newTokens = {
  access_token: 'new',
  token_type: 'Bearer',
  expires_in: 600,
  session_id: 's1',
  clinic_id: 'c1',
  role: 'nurse',
};

/** A server where only the token "new" is valid and a refresh hands it out (or refuses, if told to). */
function fakeServer({ refreshStatus = 200 } = {}) {
  const seen: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = asRequest(input, init);
    seen.push(request);
    if (new URL(request.url).pathname === refreshPath) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return refreshStatus === 200
        ? json(200, newTokens)
        : json(refreshStatus, { error: { code: 'unauthenticated', message: 'no', request_id: 'r' } });
    }
    if (request.headers.get('Authorization') !== 'Bearer new') {
      return json(401, { error: { code: 'unauthenticated', message: 'expired', request_id: 'r1' } });
    }
    return json(200, { items: [] });
  });
  vi.stubGlobal('fetch', fetchMock);
  const refreshes = () => seen.filter((r) => new URL(r.url).pathname === refreshPath);
  return { seen, refreshes };
}

beforeEach(() => clearSession());
afterEach(() => {
  clearSession();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('api client', () => {
  it('shares one refresh between concurrent 401s and retries each call once with the new token', async () => {
    const server = fakeServer();
    startSession({ access_token: 'old', expires_in: 600 });

    const results = await Promise.all([1, 2, 3].map(() => call(api.GET('/api/v1/sessions'))));

    expect(results).toEqual([{ items: [] }, { items: [] }, { items: [] }]);
    expect(server.refreshes()).toHaveLength(1);
    expect(getAccessToken()).toBe('new');
    const retried = server.seen.filter((r) => r.headers.get('Authorization') === 'Bearer new');
    expect(retried).toHaveLength(3);
  });

  it('marks every request as the web client with same-origin credentials', async () => {
    const server = fakeServer();
    startSession({ access_token: 'old', expires_in: 600 });

    await call(api.GET('/api/v1/sessions'));

    for (const request of server.seen) {
      expect(request.headers.get('X-Consilium-Client')).toBe('web');
      expect(request.credentials).toBe('same-origin');
    }
    expect(await server.refreshes()[0]?.text()).toBe('{}');
  });

  it('ends the session when the refresh is refused, and the call fails as unauthenticated', async () => {
    const server = fakeServer({ refreshStatus: 401 });
    const events: string[] = [];
    const unsubscribe = onSessionEvent((event) => events.push(event.type));
    startSession({ access_token: 'old', expires_in: 600 });

    const failure = await call(api.GET('/api/v1/sessions')).catch((err: unknown) => err);

    unsubscribe();
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe('unauthenticated');
    expect(server.refreshes()).toHaveLength(1);
    expect(events).toEqual(['ended']);
    expect(getAccessToken()).toBeNull();
  });

  it('does not refresh on a 401 to a call made without a token (a wrong password)', async () => {
    const server = fakeServer();

    const failure = await call(api.POST('/api/v1/sessions', { body: { email: 'a@b.c', password: 'x' } })).catch(
      (err: unknown) => err,
    );

    expect((failure as ApiError).status).toBe(401);
    expect(server.refreshes()).toHaveLength(0);
  });

  it('refreshes by itself when three quarters of the token lifetime have passed', async () => {
    vi.useFakeTimers();
    const server = fakeServer();
    startSession({ access_token: 'old', expires_in: 100 });

    await vi.advanceTimersByTimeAsync(100_000 * kRefreshAtFraction - 1);
    expect(server.refreshes()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(server.refreshes()).toHaveLength(1);
  });
});
