import { createContext, useContext } from 'react';
import type { Tokens } from '../api/session-token';
import type { Session } from './session';

export type AuthState =
  | { status: 'loading' }
  /**
   * Why: `not_yet` on arriving, `ended` when the session ran out or was revoked while in use, `signed_out` when
   * the person signed out.
   */
  | { status: 'signed_out'; reason: 'not_yet' | 'ended' | 'signed_out' }
  | { status: 'signed_in'; session: Session };

export interface AuthContextValue {
  state: AuthState;
  /** After a successful sign-in step: keep the tokens and load who this is. */
  signedIn(tokens: Pick<Tokens, 'access_token' | 'expires_in'>): Promise<void>;
  /** Ends this session (or, with `everywhere`, every session of this person) and forgets the token. */
  signOut(options?: { everywhere?: boolean }): Promise<void>;
  switchClinic(clinicId: string): Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in session; only for components under the signed-in layout. */
export function useSession(): Session {
  const { state } = useAuth();
  if (state.status !== 'signed_in') throw new Error('useSession while not signed in');
  return state.session;
}
