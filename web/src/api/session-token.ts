// The access token, kept only in this module's memory (never in storage), and its silent refresh.
// The refresh token is an HttpOnly cookie that the browser sends by itself.
import { apiBaseUrl, clientHeaders, requestCredentials } from './http';
import type { components } from './schema';

export type Tokens = Pick<
  components['schemas']['Tokens'],
  'access_token' | 'expires_in' | 'session_id' | 'clinic_id' | 'role'
>;
/** What a refresh answers the web app: the tokens and the profile of who is signed in. */
export type RefreshedSession = Tokens & Partial<components['schemas']['Profile']>;

export type SessionEvent = { type: 'refreshed'; tokens: Tokens } | { type: 'ended' };

/** Refresh when this share of the token's lifetime has passed. */
export const kRefreshAtFraction = 0.75;
/** After the server could not be reached, try refreshing again this much later. */
export const kRefreshRetryMs = 30_000;

const refreshPath = '/api/v1/sessions/refresh';

let accessToken: string | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshInFlight: Promise<boolean> | null = null;
let latestRefresh: RefreshedSession | null = null;
let resumed: Promise<RefreshedSession | null> | null = null;
const listeners = new Set<(event: SessionEvent) => void>();

export function getAccessToken(): string | null {
  return accessToken;
}

/** Use these tokens from now on and refresh them before they expire. */
export function startSession(tokens: Pick<Tokens, 'access_token' | 'expires_in'>): void {
  accessToken = tokens.access_token;
  scheduleRefresh(tokens.expires_in * 1000 * kRefreshAtFraction);
}

/** Forget the token, e.g. after signing out. Tells no listener. */
export function clearSession(): void {
  accessToken = null;
  clearTimeout(refreshTimer);
  refreshTimer = undefined;
}

export function onSessionEvent(listener: (event: SessionEvent) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * The refresh that resumes a session from an earlier visit (the cookie), started once per page load and as
 * early as possible (main.tsx); resolves to what it answered, or null when there is no session to resume.
 */
export function resumeSession(): Promise<RefreshedSession | null> {
  resumed ??= refreshSession().then((refreshed) => (refreshed ? latestRefresh : null));
  return resumed;
}

/**
 * Asks for a new access token. Concurrent callers share one request (the refresh token is spent on
 * use, so two refreshes at once would end the session). Resolves to whether a token is now held.
 */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= requestRefresh().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

function postRefresh(): Promise<Response> {
  return globalThis.fetch(`${apiBaseUrl}${refreshPath}`, {
    method: 'POST',
    credentials: requestCredentials,
    headers: { ...clientHeaders, 'Content-Type': 'application/json' },
    body: '{}',
  });
}

/**
 * Tabs of the app share one refresh cookie, and the server ends the session when a spent one comes back.
 * A lock across tabs makes each refresh wait for the one before it, so it sends the cookie that one set.
 */
async function postRefreshAlone(): Promise<Response> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return postRefresh();
  return await locks.request('consilium-session-refresh', postRefresh);
}

async function requestRefresh(): Promise<boolean> {
  let response: Response;
  try {
    response = await postRefreshAlone();
  } catch {
    return keepSessionForNow();
  }
  if (response.ok) {
    const tokens = (await response.json()) as RefreshedSession;
    latestRefresh = tokens;
    startSession(tokens);
    emit({ type: 'refreshed', tokens });
    return true;
  }
  if (response.status >= 500) return keepSessionForNow();
  const wasSignedIn = accessToken !== null;
  clearSession();
  if (wasSignedIn) emit({ type: 'ended' });
  return false;
}

// The server is down or busy: the current token may still work, so try again later.
function keepSessionForNow(): boolean {
  if (accessToken !== null) scheduleRefresh(kRefreshRetryMs);
  return false;
}

function scheduleRefresh(delayMs: number): void {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => void refreshSession(), delayMs);
}

function emit(event: SessionEvent): void {
  for (const listener of listeners) listener(event);
}
