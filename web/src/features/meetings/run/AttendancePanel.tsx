import { useState } from 'react';
import { apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { StatusMessage } from '../../../components/StatusMessage';
import { attendedText, meetingRoleLabels } from '../labels';
import { recordAttendance } from '../meetings-api';
import type { Meeting } from '../types';
import { quorumOf } from './quorum';

interface AttendancePanelProps {
  meeting: Meeting;
  /** The organiser, while the meeting is in progress. */
  mayRecord: boolean;
  onSaved(meeting: Meeting): void;
}

/** Who is present, and whether they make a quorum. The server records the quorum with each decision. */
export function AttendancePanel({ meeting, mayRecord, onSaved }: AttendancePanelProps) {
  const participants = meeting.participants ?? [];
  const [present, setPresent] = useState(() => new Set(participants.filter((p) => p.attended).map((p) => p.user_id)));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const shown = mayRecord ? present : new Set(participants.filter((p) => p.attended).map((p) => p.user_id));
  const quorum = quorumOf(meeting.core_roles, participants, shown);

  function toggle(userId: string, checked: boolean) {
    setPresent((current) => {
      const next = new Set(current);
      if (checked) next.add(userId);
      else next.delete(userId);
      return next;
    });
  }

  async function save() {
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      onSaved(await recordAttendance(meeting.id, [...present]));
      setStatus(`Attendance saved: ${present.size} present.`);
    } catch (err) {
      setError(apiErrorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="run__attendance" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">Attendance</h2>
      {mayRecord ? (
        <fieldset className="run__present">
          <legend>Present</legend>
          {participants.map((participant) => (
            <Field
              key={participant.user_id}
              type="checkbox"
              label={`${participant.display_name} (${meetingRoleLabels[participant.meeting_role]})`}
              checked={present.has(participant.user_id)}
              onChange={(event) => toggle(participant.user_id, event.target.checked)}
            />
          ))}
        </fieldset>
      ) : (
        <ul className="run__attendance-list">
          {participants.map((participant) => (
            <li key={participant.user_id}>
              {participant.display_name} ({meetingRoleLabels[participant.meeting_role]}):{' '}
              {attendedText(participant.attended)}
            </li>
          ))}
        </ul>
      )}
      <p className={quorum.quorate ? 'run__quorum run__quorum--met' : 'run__quorum'} aria-live="polite">
        <strong>Quorum {quorum.quorate ? 'met' : 'not met'}</strong>
        {!quorum.quorate &&
          ` (still needed: ${quorum.missing.map((role) => meetingRoleLabels[role].toLowerCase()).join(', ')})`}
        .
      </p>
      <p className="run__quorum-rule">
        Needed: {meeting.core_roles.map((role) => meetingRoleLabels[role].toLowerCase()).join(', ')}.
      </p>
      {mayRecord && (
        <>
          <FormError message={error} />
          <Button variant="primary" onClick={save} busy={saving}>
            Save attendance
          </Button>
        </>
      )}
      <StatusMessage message={status} />
    </section>
  );
}
