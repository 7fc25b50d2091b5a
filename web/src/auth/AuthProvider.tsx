import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, call } from '../api/client';
import {
  clearSession,
  onSessionEvent,
  resumeSession,
  startSession,
  type RefreshedSession,
  type Tokens,
} from '../api/session-token';
import { AuthContext, type AuthState } from './auth-context';
import type { Session } from './session';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const unsubscribe = onSessionEvent((event) => {
      if (event.type === 'ended') setState({ status: 'signed_out', reason: 'ended' });
      else setState((current) => withTokens(current, event.tokens));
    });
    // A refresh cookie from an earlier visit signs the person straight back in.
    resumeSession()
      .then((refreshed) => (refreshed ? (profileOf(refreshed) ?? loadSession()) : null))
      .then(
        (session) => {
          if (!cancelled)
            setState(session ? { status: 'signed_in', session } : { status: 'signed_out', reason: 'not_yet' });
        },
        () => {
          if (!cancelled) setState({ status: 'signed_out', reason: 'not_yet' });
        },
      );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, []);

  const signedIn = useCallback(async (tokens: Pick<Tokens, 'access_token' | 'expires_in'>) => {
    startSession(tokens);
    try {
      setState({ status: 'signed_in', session: await loadSession() });
    } catch (err) {
      clearSession();
      throw err;
    }
  }, []);

  const signOut = useCallback(
    async ({ everywhere = false } = {}) => {
      if (everywhere) {
        // Signing out everywhere must really happen on the server, so its failure reaches the person.
        await call(api.DELETE('/api/v1/sessions'));
      } else if (state.status === 'signed_in') {
        // Ending the session on the server also clears the refresh cookie; signing out here happens anyway.
        const path = { id: state.session.session_id };
        await call(api.DELETE('/api/v1/sessions/{id}', { params: { path } })).catch(() => undefined);
      }
      clearSession();
      setState({ status: 'signed_out', reason: 'signed_out' });
    },
    [state],
  );

  const switchClinic = useCallback(
    async (clinicId: string) => {
      const tokens = await call(api.POST('/api/v1/sessions/current/clinic', { body: { clinic_id: clinicId } }));
      await signedIn(tokens);
    },
    [signedIn],
  );

  const value = useMemo(() => ({ state, signedIn, signOut, switchClinic }), [state, signedIn, signOut, switchClinic]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

function loadSession() {
  return call(api.GET('/api/v1/me'));
}

/** The session from a refresh's answer, when it carried the profile (the server adds it for the web app). */
function profileOf(refreshed: RefreshedSession): Session | null {
  const { user, memberships, multi_factor, session_id, clinic_id, role } = refreshed;
  if (!user || !memberships || multi_factor === undefined) return null;
  return { user, memberships, multi_factor, session_id, clinic_id, role };
}

function withTokens(state: AuthState, tokens: Tokens): AuthState {
  if (state.status !== 'signed_in') return state;
  const { session_id, clinic_id, role } = tokens;
  return { status: 'signed_in', session: { ...state.session, session_id, clinic_id, role } };
}
