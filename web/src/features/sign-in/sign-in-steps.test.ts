import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import {
  codeFailure,
  firstStep,
  nextStep,
  passwordFailureMessage,
  type MfaChallenge,
  type SignedIn,
} from './sign-in-steps';

const signedIn: SignedIn = {
  access_token: 't',
  token_type: 'Bearer',
  expires_in: 600,
  session_id: 's',
  clinic_id: 'c',
  role: 'nurse',
  user: { id: 'u', email: 'a@example.org', display_name: 'A' },
  memberships: [],
};

const challenge = (next: MfaChallenge['next']): MfaChallenge => ({ next, mfa_token: 'm', expires_in: 300 });

describe('nextStep', () => {
  it('finishes at once when the password alone signs in', () => {
    expect(nextStep(firstStep, { type: 'password_accepted', answer: signedIn })).toEqual({ kind: 'done', signedIn });
  });

  it('asks for a code from the app when the person has one', () => {
    expect(nextStep(firstStep, { type: 'password_accepted', answer: challenge('mfa_code') })).toEqual({
      kind: 'code',
      mfaToken: 'm',
      method: 'app',
    });
  });

  it('sets up an authenticator when the clinic requires one and the person has none', () => {
    expect(nextStep(firstStep, { type: 'password_accepted', answer: challenge('mfa_enrolment') })).toEqual({
      kind: 'enrol',
      mfaToken: 'm',
    });
  });

  it('switches between an app code and a recovery code', () => {
    const code = nextStep(firstStep, { type: 'password_accepted', answer: challenge('mfa_code') });
    const recovery = nextStep(code, { type: 'switch_method' });
    expect(recovery).toMatchObject({ kind: 'code', method: 'recovery' });
    expect(nextStep(recovery, { type: 'switch_method' })).toMatchObject({ kind: 'code', method: 'app' });
  });

  it('shows new recovery codes once before finishing an enrolment', () => {
    const enrol = nextStep(firstStep, { type: 'password_accepted', answer: challenge('mfa_enrolment') });
    const withCodes = { ...signedIn, recovery_codes: ['aaaa-bbbb', 'cccc-dddd'] };
    const codes = nextStep(enrol, { type: 'second_factor_accepted', signedIn: withCodes });
    expect(codes).toEqual({ kind: 'recovery_codes', codes: ['aaaa-bbbb', 'cccc-dddd'], signedIn: withCodes });
    expect(nextStep(codes, { type: 'codes_saved' })).toEqual({ kind: 'done', signedIn: withCodes });
  });

  it('finishes after a code when no recovery codes came back', () => {
    const code = nextStep(firstStep, { type: 'password_accepted', answer: challenge('mfa_code') });
    expect(nextStep(code, { type: 'second_factor_accepted', signedIn })).toEqual({ kind: 'done', signedIn });
  });

  it('starts again at the password with a notice', () => {
    const code = nextStep(firstStep, { type: 'password_accepted', answer: challenge('mfa_code') });
    expect(nextStep(code, { type: 'start_again', notice: 'Expired.' })).toEqual({
      kind: 'password',
      notice: 'Expired.',
    });
  });
});

describe('sign-in failures', () => {
  const unauthenticated = (message: string) => new ApiError({ status: 401, code: 'unauthenticated', message });

  it('passes on the one message for a wrong password or a locked account', () => {
    expect(passwordFailureMessage(unauthenticated('email or password is incorrect'))).toBe(
      'Email or password is incorrect.',
    );
  });

  it('tells someone no clinic takes whom to ask', () => {
    const noClinic = new ApiError({
      status: 403,
      code: 'permission_denied',
      message: 'you are not a member of any clinic',
    });
    expect(passwordFailureMessage(noClinic)).toBe(
      "You cannot sign in: you are not a member of any clinic. If you should have access, ask your clinic's administrator.",
    );
  });

  it('says when to try again after too many attempts', () => {
    const throttled = new ApiError({ status: 429, code: 'too_many_requests', message: 'x', retryAfterSeconds: 300 });
    expect(passwordFailureMessage(throttled)).toBe(
      'Too many failed sign-ins from your network. Please try again in 5 minutes.',
    );
  });

  it('tells a wrong code from an expired sign-in', () => {
    expect(codeFailure(unauthenticated('the code is not correct'))).toBe('wrong_code');
    expect(codeFailure(unauthenticated('this sign-in has expired; start again with your password'))).toBe(
      'start_again',
    );
    expect(codeFailure(new ApiError({ status: 503, code: 'unavailable', message: 'busy' }))).toBe('other');
  });
});
