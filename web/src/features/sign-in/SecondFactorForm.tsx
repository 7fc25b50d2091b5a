import type { Dispatch } from 'react';
import { AppCodeField } from '../../auth/mfa/AppCodeField';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import type { SignInEvent } from './sign-in-steps';
import { useSecondFactorForm } from './useSecondFactorForm';

interface SecondFactorFormProps {
  mfaToken: string;
  method: 'app' | 'recovery';
  dispatch: Dispatch<SignInEvent>;
  /** The app was set up just now: its first code finishes signing in, and there is no other way yet. */
  settingUp?: boolean;
}

/** The code that finishes signing in, with the ways out: the other kind of code, or starting again. */
export function SecondFactorForm({ mfaToken, method, dispatch, settingUp = false }: SecondFactorFormProps) {
  const form = useSecondFactorForm(mfaToken, method, dispatch);
  const isRecovery = method === 'recovery';
  return (
    <form onSubmit={form.handleSubmit} noValidate>
      <FormError message={form.formError} />
      {isRecovery ? (
        <Field label="Recovery code" autoComplete="off" spellCheck={false} {...form.field('code')} />
      ) : (
        <AppCodeField settingUp={settingUp} {...form.field('code')} />
      )}
      <div className="sign-in__actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          Continue
        </Button>
        {!settingUp && (
          <Button variant="link" onClick={() => dispatch({ type: 'switch_method' })}>
            {isRecovery ? 'Use a code from your app instead' : 'Use a recovery code instead'}
          </Button>
        )}
        <Button variant="link" onClick={() => dispatch({ type: 'start_again' })}>
          Start again
        </Button>
      </div>
    </form>
  );
}
