import { useState } from 'react';
import { apiErrorMessage } from '../../../api/errors';
import { useSession } from '../../../auth/auth-context';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { StatusMessage } from '../../../components/StatusMessage';
import { useApiData } from '../../../components/useApiData';
import { clinicians } from '../../directory/useDirectory';
import { DecisionForm } from '../decisions/DecisionForm';
import { DecisionView } from '../decisions/DecisionView';
import { findDecision, signDecision } from '../meetings-api';
import type { Decision, DirectoryEntry, Meeting } from '../types';

interface DecisionPanelProps {
  meeting: Meeting;
  itemId: string;
  /** May record, change and sign (the organiser). */
  mayDecide: boolean;
  directory: DirectoryEntry[];
  nameOf(userId: string | null | undefined): string;
}

/**
 * One item's decision: the form until there is one; then the decision with Sign; once signed, read-only,
 * with a way to record a new version and its reason.
 */
export function DecisionPanel({ meeting, itemId, mayDecide, directory, nameOf }: DecisionPanelProps) {
  const { user } = useSession();
  const {
    data: decision,
    error,
    setData,
  } = useApiData<Decision | null>((signal) => findDecision(meeting.id, itemId, signal), [meeting.id, itemId]);
  const [editing, setEditing] = useState(false);
  const [signing, setSigning] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const people = clinicians(directory);
  const defaultClinician = people.some((entry) => entry.id === user.id) ? user.id : '';

  function saved(next: Decision) {
    setData(() => next);
    setEditing(false);
    setStatus(
      `Decision recorded (version ${next.version}). ${next.quorate ? 'The meeting was quorate.' : 'The meeting was not quorate.'} It is not signed yet.`,
    );
  }

  let body;
  if (decision === undefined) {
    body = error ? <FormError message={apiErrorMessage(error)} /> : <Loading label="Loading the decision…" />;
  } else if (decision === null && !(mayDecide && meeting.state === 'in_progress')) {
    body = (
      <p>
        No decision recorded yet.
        {meeting.state === 'scheduled' && ' Decisions are recorded once the meeting has started.'}
      </p>
    );
  } else if (decision === null || editing) {
    body = (
      <DecisionForm
        meetingId={meeting.id}
        itemId={itemId}
        latest={decision}
        clinicians={people}
        defaultClinicianId={defaultClinician}
        onSaved={saved}
        onCancel={decision ? () => setEditing(false) : undefined}
      />
    );
  } else {
    const signed = Boolean(decision.signed_at);
    body = (
      <>
        <DecisionView decision={decision} nameOf={nameOf} />
        {mayDecide && (
          <div className="form-actions">
            {!signed && (
              <Button variant="primary" onClick={() => setSigning(true)}>
                Sign decision
              </Button>
            )}
            <Button onClick={() => setEditing(true)}>
              {signed ? 'Change decision (new version, reason required)' : 'Edit decision'}
            </Button>
          </div>
        )}
      </>
    );
  }

  return (
    <section className="run__decision" aria-labelledby={`decision-${itemId}`}>
      <h3 id={`decision-${itemId}`}>Decision</h3>
      <StatusMessage message={status} />
      {body}
      {signing && decision && (
        <ConfirmDialog
          title="Sign this decision?"
          confirmLabel="Sign"
          onClose={() => setSigning(false)}
          onConfirm={async () => {
            const signedDecision = await signDecision(meeting.id, itemId);
            setData(() => signedDecision);
            setSigning(false);
            setStatus(`Decision signed (version ${signedDecision.version}).`);
          }}
        >
          <p>A signed decision does not change. A later change is a new version with its reason.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
