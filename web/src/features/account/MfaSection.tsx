import { useState } from 'react';
import { api, call } from '../../api/client';
import { apiErrorMessage } from '../../api/errors';
import { AuthenticatorSetup, type TotpEnrolment } from '../../auth/mfa/AuthenticatorSetup';
import { RecoveryCodes } from '../../auth/mfa/RecoveryCodes';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiData } from '../../components/useApiData';
import { CodeForm } from './CodeForm';
import { EnrolPasswordForm } from './EnrolPasswordForm';

type Mode =
  | { kind: 'status' }
  | { kind: 'enrol_password' }
  | { kind: 'enrol_code'; enrolment: TotpEnrolment }
  | { kind: 'renew' }
  | { kind: 'codes'; codes: string[]; done: string };

export function MfaSection() {
  const mfa = useApiData((signal) => call(api.GET('/api/v1/me/mfa', { signal })), []);
  const [mode, setMode] = useState<Mode>({ kind: 'status' });
  const [status, setStatus] = useState<string | null>(null);
  const backToStatus = () => setMode({ kind: 'status' });

  function showCodes(codes: string[], done: string) {
    setMode({ kind: 'codes', codes, done });
    mfa.reload();
  }

  return (
    <Section title="Two-step sign-in">
      <StatusMessage message={status} />
      <FormError message={mfa.error ? apiErrorMessage(mfa.error) : null} />
      {mode.kind === 'status' &&
        (mfa.data === undefined ? (
          mfa.loading && <Loading label="Loading…" />
        ) : (
          <>
            <p className="mfa-status">
              {mfa.data.enabled
                ? `On: you sign in with a code from your authenticator app. ${mfa.data.recovery_codes_left} recovery codes left.`
                : 'Off: you sign in with your password only.'}
            </p>
            {!mfa.data.enabled && mfa.data.required && (
              <p>Your clinic requires it. Set it up now, or at your next sign-in.</p>
            )}
            {mfa.data.enabled ? (
              <Button onClick={() => setMode({ kind: 'renew' })}>Get new recovery codes</Button>
            ) : (
              <Button variant="primary" onClick={() => setMode({ kind: 'enrol_password' })}>
                Set up an authenticator app
              </Button>
            )}
          </>
        ))}
      {mode.kind === 'enrol_password' && (
        <EnrolPasswordForm
          onStarted={(enrolment) => setMode({ kind: 'enrol_code', enrolment })}
          onCancel={backToStatus}
        />
      )}
      {mode.kind === 'enrol_code' && (
        <>
          <AuthenticatorSetup enrolment={mode.enrolment} />
          <CodeForm
            settingUp
            submitLabel="Turn on two-step sign-in"
            send={async (code) => {
              const { recovery_codes } = await call(api.POST('/api/v1/me/mfa/confirm', { body: { code } }));
              showCodes(recovery_codes, 'Two-step sign-in is on.');
            }}
            onCancel={backToStatus}
          />
        </>
      )}
      {mode.kind === 'renew' && (
        <>
          <p>New codes replace all your old ones, used or not.</p>
          <CodeForm
            submitLabel="Get new recovery codes"
            send={async (code) => {
              const { recovery_codes } = await call(api.POST('/api/v1/me/mfa/recovery-codes', { body: { code } }));
              showCodes(recovery_codes, 'Your new recovery codes are in use; the old ones no longer work.');
            }}
            onCancel={backToStatus}
          />
        </>
      )}
      {mode.kind === 'codes' && (
        <RecoveryCodes
          codes={mode.codes}
          onSaved={() => {
            setStatus(mode.done);
            backToStatus();
          }}
        />
      )}
    </Section>
  );
}
