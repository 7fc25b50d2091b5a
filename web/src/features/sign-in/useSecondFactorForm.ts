import type { Dispatch } from 'react';
import { api, call } from '../../api/client';
import { capitalise } from '../../api/errors';
import { normaliseCode } from '../../auth/mfa/secret';
import { FormSubmitError } from '../../components/form-errors';
import { useApiForm } from '../../components/useApiForm';
import { codeFailure, type SignInEvent } from './sign-in-steps';

/** The form that sends a code from the app (or a recovery code) to finish signing in. */
export function useSecondFactorForm(mfaToken: string, method: 'app' | 'recovery', dispatch: Dispatch<SignInEvent>) {
  const isRecovery = method === 'recovery';
  return useApiForm({
    initialValues: { code: '' },
    validate: ({ code }) =>
      normaliseCode(code)
        ? {}
        : { code: isRecovery ? 'Enter one of your recovery codes.' : 'Enter the code from your app.' },
    async onSubmit({ code }) {
      const secondFactor = isRecovery ? { recovery_code: normaliseCode(code) } : { code: normaliseCode(code) };
      try {
        const signedIn = await call(
          api.POST('/api/v1/sessions/mfa', { body: { mfa_token: mfaToken, ...secondFactor } }),
        );
        dispatch({ type: 'second_factor_accepted', signedIn });
      } catch (err) {
        const failure = codeFailure(err);
        if (failure === 'start_again') {
          dispatch({ type: 'start_again', notice: `${capitalise((err as Error).message)}.` });
          return;
        }
        if (failure === 'wrong_code') {
          throw new FormSubmitError(
            isRecovery
              ? 'This recovery code is not correct or has been used.'
              : 'The code is not correct. Enter the newest code your app shows.',
            'code',
          );
        }
        throw err;
      }
    },
  });
}
