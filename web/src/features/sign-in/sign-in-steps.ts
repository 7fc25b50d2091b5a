// The sign-in conversation as a pure state machine: password, then perhaps a code from an authenticator app
// (or a recovery code), or setting one up, then perhaps the new recovery codes, shown once.
import { ApiError, apiErrorMessage, capitalise, waitText } from '../../api/errors';
import type { components } from '../../api/schema';

export type SignedIn = components['schemas']['SignedIn'];
export type MfaChallenge = components['schemas']['MfaChallenge'];

export type SignInStep =
  | { kind: 'password'; notice: string | null }
  | { kind: 'code'; mfaToken: string; method: 'app' | 'recovery' }
  | { kind: 'enrol'; mfaToken: string }
  | { kind: 'recovery_codes'; codes: string[]; signedIn: SignedIn }
  | { kind: 'done'; signedIn: SignedIn };

export type SignInEvent =
  | { type: 'password_accepted'; answer: SignedIn | MfaChallenge }
  | { type: 'second_factor_accepted'; signedIn: SignedIn }
  | { type: 'switch_method' }
  | { type: 'codes_saved' }
  | { type: 'start_again'; notice?: string };

export const firstStep: SignInStep = { kind: 'password', notice: null };

export function nextStep(step: SignInStep, event: SignInEvent): SignInStep {
  switch (event.type) {
    case 'password_accepted': {
      const { answer } = event;
      if (!('next' in answer)) return { kind: 'done', signedIn: answer };
      return answer.next === 'mfa_enrolment'
        ? { kind: 'enrol', mfaToken: answer.mfa_token }
        : { kind: 'code', mfaToken: answer.mfa_token, method: 'app' };
    }
    case 'second_factor_accepted': {
      const codes = event.signedIn.recovery_codes ?? [];
      return codes.length > 0
        ? { kind: 'recovery_codes', codes, signedIn: event.signedIn }
        : { kind: 'done', signedIn: event.signedIn };
    }
    case 'switch_method':
      return step.kind === 'code' ? { ...step, method: step.method === 'app' ? 'recovery' : 'app' } : step;
    case 'codes_saved':
      return step.kind === 'recovery_codes' ? { kind: 'done', signedIn: step.signedIn } : step;
    case 'start_again':
      return { kind: 'password', notice: event.notice ?? null };
  }
}

/** What to tell someone whose email and password were not accepted. */
export function passwordFailureMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return apiErrorMessage(err);
  if (err.code === 'unauthenticated') {
    // The server words this for people, one message for a wrong password, unknown email or disabled account.
    return err.message ? `${capitalise(err.message)}.` : 'The email address or password is not correct.';
  }
  if (err.code === 'permission_denied') {
    // The password was right but no clinic takes this person, e.g. their membership was disabled.
    return `You cannot sign in: ${err.message}. If you should have access, ask your clinic's administrator.`;
  }
  if (err.code === 'too_many_requests') {
    const when = err.retryAfterSeconds === null ? 'later' : waitText(err.retryAfterSeconds);
    return `Too many failed sign-ins from your network. Please try again ${when}.`;
  }
  return apiErrorMessage(err);
}

/**
 * A refused code: either just that code was wrong (try another), or the sign-in itself has expired or seen
 * too many wrong codes (start again with the password).
 */
export function codeFailure(err: unknown): 'wrong_code' | 'start_again' | 'other' {
  if (!(err instanceof ApiError) || err.code !== 'unauthenticated') return 'other';
  return /not correct/i.test(err.message) ? 'wrong_code' : 'start_again';
}
