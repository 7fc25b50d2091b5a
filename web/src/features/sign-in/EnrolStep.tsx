import { useEffect, useRef, useState, type Dispatch } from 'react';
import { api, call } from '../../api/client';
import { ApiError, apiErrorMessage, capitalise } from '../../api/errors';
import { AuthenticatorSetup, type TotpEnrolment } from '../../auth/mfa/AuthenticatorSetup';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { SecondFactorForm } from './SecondFactorForm';
import type { SignInEvent } from './sign-in-steps';
import { StepHeading } from './StepHeading';

/** The clinic requires an authenticator app and the person has none yet: set one up, then sign in with it. */
export function EnrolStep({ mfaToken, dispatch }: { mfaToken: string; dispatch: Dispatch<SignInEvent> }) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Each request makes a new key, so ask once, even when React runs effects twice in development.
  const requested = useRef(false);

  useEffect(() => {
    if (requested.current) return;
    requested.current = true;
    call(api.POST('/api/v1/sessions/mfa/enrolment', { body: { mfa_token: mfaToken } })).then(setEnrolment, (err) => {
      if (err instanceof ApiError && (err.code === 'unauthenticated' || err.code === 'conflict')) {
        dispatch({ type: 'start_again', notice: `${capitalise(err.message)}.` });
      } else {
        setError(apiErrorMessage(err));
      }
    });
  }, [mfaToken, dispatch]);

  return (
    <>
      <StepHeading>Set up an authenticator app</StepHeading>
      <p>Your clinic asks for a second step when you sign in: a code from an app on your phone.</p>
      <FormError message={error} />
      {enrolment === null ? (
        !error && <Loading label="Preparing your key…" />
      ) : (
        <>
          <AuthenticatorSetup enrolment={enrolment} />
          <SecondFactorForm mfaToken={mfaToken} method="app" dispatch={dispatch} settingUp />
        </>
      )}
    </>
  );
}
