import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, call } from '../../api/client';
import { apiErrorMessage } from '../../api/errors';
import { useAuth } from '../../auth/auth-context';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { Section } from '../../components/Section';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiData } from '../../components/useApiData';
import { describeUserAgent, formatDateTime } from '../../lib/format';
import './account.css';

/** One of my sessions as GET /api/v1/sessions lists it (the OpenAPI schema leaves the items untyped). */
interface MySession {
  id: string;
  amr: string;
  created_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  current: boolean;
}

export function SessionsSection() {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const sessions = useApiData(
    async (signal) => (await call(api.GET('/api/v1/sessions', { signal }))).items as unknown as MySession[],
    [],
  );
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmingEverywhere, setConfirmingEverywhere] = useState(false);

  async function revoke(session: MySession) {
    setError(null);
    try {
      await call(api.DELETE('/api/v1/sessions/{id}', { params: { path: { id: session.id } } }));
      setStatus(`Ended the session on ${describeUserAgent(session.user_agent)}.`);
      sessions.reload();
    } catch (err) {
      setError(apiErrorMessage(err));
    }
  }

  async function signOutEverywhere() {
    await signOut({ everywhere: true });
    navigate('/sign-in', { replace: true });
  }

  return (
    <Section title="Where you are signed in">
      <StatusMessage message={status} />
      <FormError message={error ?? (sessions.error ? apiErrorMessage(sessions.error) : null)} />
      {sessions.data === undefined ? (
        sessions.loading && <Loading label="Loading your sessions…" />
      ) : (
        <table className="account-sessions">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Second step</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((session) => (
              <tr key={session.id}>
                <td>{describeUserAgent(session.user_agent)}</td>
                <td>{session.ip}</td>
                <td>{formatDateTime(session.created_at)}</td>
                <td>{session.amr.split(',').includes('otp') ? 'Yes' : 'No'}</td>
                <td>
                  {session.current ? (
                    <strong>This session</strong>
                  ) : (
                    <Button onClick={() => revoke(session)}>
                      End session
                      <span className="visually-hidden">
                        {' '}
                        {describeUserAgent(session.user_agent)}, signed in {formatDateTime(session.created_at)}
                      </span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Button variant="danger" onClick={() => setConfirmingEverywhere(true)}>
          Sign out everywhere
        </Button>
      </p>
      {confirmingEverywhere && (
        <ConfirmDialog
          title="Sign out everywhere?"
          confirmLabel="Sign out everywhere"
          danger
          onConfirm={signOutEverywhere}
          onClose={() => setConfirmingEverywhere(false)}
        >
          <p>This ends every session of yours, on every device, including this one. You will need to sign in again.</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}
