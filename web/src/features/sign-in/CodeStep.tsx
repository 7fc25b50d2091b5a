import type { Dispatch } from 'react';
import { SecondFactorForm } from './SecondFactorForm';
import type { SignInEvent } from './sign-in-steps';
import { StepHeading } from './StepHeading';

interface CodeStepProps {
  mfaToken: string;
  method: 'app' | 'recovery';
  dispatch: Dispatch<SignInEvent>;
}

export function CodeStep({ mfaToken, method, dispatch }: CodeStepProps) {
  return (
    <>
      <StepHeading>
        {method === 'recovery' ? 'Use a recovery code' : 'Enter the code from your authenticator app'}
      </StepHeading>
      <SecondFactorForm mfaToken={mfaToken} method={method} dispatch={dispatch} />
    </>
  );
}
