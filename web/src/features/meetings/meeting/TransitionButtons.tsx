import { useState } from 'react';
import { apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FormError } from '../../../components/FormError';
import { StatusMessage } from '../../../components/StatusMessage';
import { meetingStateLabels } from '../labels';
import { transitionMeeting } from '../meetings-api';
import type { Meeting } from '../types';
import { transitionActions, type TransitionAction } from './transitions';

interface TransitionButtonsProps {
  meeting: Meeting;
  mayTransition: boolean;
  onChanged(meeting: Meeting): void;
}

/** Buttons for the state changes the API allows now; a refusal shows beside them. */
export function TransitionButtons({ meeting, mayTransition, onChanged }: TransitionButtonsProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<TransitionAction | null>(null);
  const actions = transitionActions(meeting, mayTransition);
  if (actions.length === 0 && !status) return null;

  async function move(action: TransitionAction) {
    const moved = await transitionMeeting(meeting.id, action.to);
    onChanged(moved);
    setStatus(`The meeting is now ${meetingStateLabels[moved.state].toLowerCase()}.`);
  }

  async function moveNow(action: TransitionAction) {
    setBusy(action.to);
    setError(null);
    setStatus(null);
    try {
      await move(action);
    } catch (err) {
      setError(apiErrorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="transitions">
      <FormError message={error} />
      {actions.length > 0 && (
        <div className="form-actions" role="group" aria-label="Meeting state">
          {actions.map((action) => (
            <Button
              key={action.to}
              variant={action.variant}
              busy={busy === action.to}
              onClick={() => (action.confirm ? setConfirming(action) : moveNow(action))}
            >
              {action.label}
            </Button>
          ))}
        </div>
      )}
      <StatusMessage message={status} />
      {confirming && (
        <ConfirmDialog
          title={`${confirming.label}?`}
          confirmLabel={confirming.label}
          danger={confirming.variant === 'danger'}
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            setStatus(null);
            await move(confirming);
            setConfirming(null);
          }}
        >
          <p>{confirming.confirm}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
