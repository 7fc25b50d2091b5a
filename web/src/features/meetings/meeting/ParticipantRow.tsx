import { useId, useState } from 'react';
import { apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LabelOptions } from '../../../components/LabelOptions';
import { attendedText, meetingRoleLabels } from '../labels';
import { removeParticipant, setParticipant } from '../meetings-api';
import type { Meeting, MeetingRole, Participant } from '../types';

interface ParticipantRowProps {
  meetingId: string;
  participant: Participant;
  showAttendance: boolean;
  onChanged(meeting: Meeting): void;
  onRemoved(): void;
}

/** One participant, for someone who manages them: change the role or remove; a refusal shows in the row. */
export function ParticipantRow({ meetingId, participant, showAttendance, onChanged, onRemoved }: ParticipantRowProps) {
  const id = useId();
  const [role, setRole] = useState<MeetingRole>(participant.meeting_role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const name = participant.display_name;

  async function saveRole() {
    setBusy(true);
    setError(null);
    try {
      onChanged(await setParticipant(meetingId, participant.user_id, role));
    } catch (err) {
      setError(apiErrorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <tr>
      <td>{name}</td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-role`}>
          Role of {name}
        </label>
        <select
          id={`${id}-role`}
          className="participants__role"
          value={role}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setRole(event.target.value as MeetingRole)}
        >
          <LabelOptions labels={meetingRoleLabels} />
        </select>
        {error && (
          <p className="field__error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </td>
      {showAttendance && <td>{attendedText(participant.attended)}</td>}
      <td className="participants__actions">
        <Button onClick={saveRole} busy={busy} disabled={role === participant.meeting_role}>
          Save role<span className="visually-hidden"> of {name}</span>
        </Button>
        <Button variant="link" onClick={() => setRemoving(true)}>
          Remove<span className="visually-hidden"> {name}</span>
        </Button>
        {removing && (
          <ConfirmDialog
            title={`Remove ${name}?`}
            confirmLabel="Remove"
            danger
            onClose={() => setRemoving(false)}
            onConfirm={async () => {
              await removeParticipant(meetingId, participant.user_id);
              setRemoving(false);
              onRemoved();
            }}
          >
            <p>They will no longer be a participant of this meeting.</p>
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
