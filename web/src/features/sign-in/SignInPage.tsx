import { useEffect, useReducer } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { apiErrorMessage } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { RecoveryCodes } from '../../auth/mfa/RecoveryCodes';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { CodeStep } from './CodeStep';
import { EnrolStep } from './EnrolStep';
import { PasswordStep } from './PasswordStep';
import { firstStep, nextStep } from './sign-in-steps';
import './SignInPage.css';
import { StepHeading } from './StepHeading';

export function SignInPage() {
  const { state, signedIn } = useAuth();
  const location = useLocation();
  const returnTo = (location.state as { from?: string } | null)?.from ?? '/';
  const [step, dispatch] = useReducer(nextStep, firstStep);

  useEffect(() => {
    if (step.kind !== 'done') return;
    signedIn(step.signedIn).catch((err: unknown) => dispatch({ type: 'start_again', notice: apiErrorMessage(err) }));
  }, [step, signedIn]);

  if (state.status === 'loading') return <Loading label="Starting Consilium…" />;
  if (state.status === 'signed_in') return <Navigate to={returnTo} replace />;

  const sessionEndedNotice = state.reason === 'ended' ? 'Your session has ended. Please sign in again.' : null;
  return (
    <main className="sign-in" id="main">
      <PageHeading title="Sign in" />
      {step.kind === 'password' && (
        <PasswordStep
          notice={step.notice ?? sessionEndedNotice}
          onAnswer={(answer) => dispatch({ type: 'password_accepted', answer })}
        />
      )}
      {step.kind === 'code' && (
        <CodeStep key={step.method} mfaToken={step.mfaToken} method={step.method} dispatch={dispatch} />
      )}
      {step.kind === 'enrol' && <EnrolStep mfaToken={step.mfaToken} dispatch={dispatch} />}
      {step.kind === 'recovery_codes' && (
        <>
          <StepHeading>Save your recovery codes</StepHeading>
          <RecoveryCodes codes={step.codes} onSaved={() => dispatch({ type: 'codes_saved' })} />
        </>
      )}
      {step.kind === 'done' && <Loading label="Signing you in…" />}
    </main>
  );
}
