import type { Dispatch } from 'react';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import type { SignInEvent } from './sign-in-steps';
import { StepHeading } from './StepHeading';
import { useSecondFactorForm } from './useSecondFactorForm';

interface CodeStepProps {
  mfaToken: string;
  method: 'app' | 'recovery';
  dispatch: Dispatch<SignInEvent>;
}

export function CodeStep({ mfaToken, method, dispatch }: CodeStepProps) {
  const form = useSecondFactorForm(mfaToken, method, dispatch);
  const isRecovery = method === 'recovery';
  return (
    <>
      <StepHeading>{isRecovery ? 'Use a recovery code' : 'Enter the code from your authenticator app'}</StepHeading>
      <form onSubmit={form.handleSubmit} noValidate>
        <FormError message={form.formError} />
        {isRecovery ? (
          <Field label="Recovery code" autoComplete="off" spellCheck={false} {...form.field('code')} />
        ) : (
          <Field
            label="Code from your app"
            hint="The 6-digit code your authenticator app shows for Consilium."
            inputMode="numeric"
            autoComplete="one-time-code"
            {...form.field('code')}
          />
        )}
        <div className="sign-in__actions">
          <Button type="submit" variant="primary" busy={form.submitting}>
            Continue
          </Button>
          <Button variant="link" onClick={() => dispatch({ type: 'switch_method' })}>
            {isRecovery ? 'Use a code from your app instead' : 'Use a recovery code instead'}
          </Button>
          <Button variant="link" onClick={() => dispatch({ type: 'start_again' })}>
            Start again
          </Button>
        </div>
      </form>
    </>
  );
}
