import { useEffect, useRef, useState } from 'react';
import { apiErrorMessage } from '../../api/errors';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Section } from '../../components/Section';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiData } from '../../components/useApiData';
import { formatDateTime } from '../../lib/format';
import { readKeyStatus, rotateClinicKey, type KeyStatus } from './api';
import { kPollMs, rewrapPending, rewrapText } from './progress';
import './keys.css';

/**
 * The clinic's encryption keys, for owners: where the root key lives, the clinic key's versions and how many
 * patient keys each wraps, erased patients, and what a rotation has still to re-wrap (asked again every few
 * seconds until it is done). `pollMs` is for tests.
 */
export function KeysPage({ pollMs = kPollMs }: { pollMs?: number }) {
  const keys = useApiData((signal) => readKeyStatus(signal), []);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const { data, reload, setData } = keys;
  const wasPending = useRef(false);

  const pending = data !== undefined && rewrapPending(data);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, pollMs);
    return () => clearTimeout(timer);
  }, [data, pending, reload, pollMs]);

  // Announced once when re-wrapping finishes, not at every look while it runs.
  useEffect(() => {
    if (data === undefined) return;
    if (wasPending.current && !pending) setStatus('Re-wrapping is done: all keys are under the current version.');
    wasPending.current = pending;
  }, [data, pending]);

  async function rotate() {
    const rotated = await rotateClinicKey();
    setData(() => rotated);
    setConfirming(false);
    setStatus(`Clinic key version ${rotated.current_version} is now in use. Older keys are being re-wrapped.`);
  }

  return (
    <>
      <PageHeading title="Encryption keys" />
      <p className="keys-intro">
        Clinical text and files are encrypted with a key of their own, wrapped by a key for each patient, which is
        wrapped by the clinic key, which is wrapped by the root key.
      </p>
      <StatusMessage message={status} />
      <FormError message={keys.error ? apiErrorMessage(keys.error) : null} />
      {data === undefined ? (
        keys.loading && <Loading label="Loading the keys…" />
      ) : (
        <KeyDetails keys={data} onRotate={() => setConfirming(true)} />
      )}
      {confirming && (
        <ConfirmDialog
          title="Rotate the clinic key?"
          confirmLabel="Rotate clinic key"
          onConfirm={rotate}
          onClose={() => setConfirming(false)}
        >
          <p>A new version of the clinic key is made, and everything written from now on uses it at once.</p>
          <p>
            Patient keys under older versions are re-wrapped under the new one in the background; this page shows how
            many are left. Everything stays readable throughout, and nothing needs to be done afterwards.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function KeyDetails({ keys, onRotate }: { keys: KeyStatus; onRotate(): void }) {
  const pending = rewrapPending(keys);
  return (
    <>
      <Section title="Root key">
        <dl className="keys-facts">
          <dt>Kept in</dt>
          <dd>{keys.root_key.provider}</dd>
          <dt>Version</dt>
          <dd>{keys.root_key.current_version}</dd>
        </dl>
      </Section>
      <Section title="Clinic key">
        <dl className="keys-facts">
          <dt>Current version</dt>
          <dd>{keys.current_version}</dd>
          <dt>Rotation</dt>
          <dd className={pending ? 'keys-progress keys-progress--pending' : 'keys-progress'}>{rewrapText(keys)}</dd>
        </dl>
        <table className="keys-versions">
          <caption className="visually-hidden">Clinic key versions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Root key version</th>
              <th scope="col">Created</th>
              <th scope="col">Patient keys</th>
            </tr>
          </thead>
          <tbody>
            {keys.clinic_key_versions.map((version) => (
              <tr key={version.version}>
                <th scope="row">
                  {version.version}
                  {version.version === keys.current_version && <span className="keys-current">Current</span>}
                </th>
                <td>{version.root_key_version}</td>
                <td>{formatDateTime(version.created_at)}</td>
                <td>{version.patient_keys}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Button variant="primary" onClick={onRotate}>
          Rotate clinic key
        </Button>
      </Section>
      <Section title="Patient keys">
        <dl className="keys-facts">
          <dt>Patient keys</dt>
          <dd>{keys.patient_keys}</dd>
          <dt>Erased patients</dt>
          <dd>
            {keys.destroyed_patient_keys}
            <span className="keys-note">
              Their keys are destroyed, so their clinical content can no longer be read.
            </span>
          </dd>
        </dl>
      </Section>
    </>
  );
}
