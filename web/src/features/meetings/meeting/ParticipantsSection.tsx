import { Section } from '../../../components/Section';
import { attendedText, meetingRoleLabels } from '../labels';
import type { DirectoryEntry, Meeting } from '../types';
import { InviteForm } from './InviteForm';
import { ParticipantRow } from './ParticipantRow';

interface ParticipantsSectionProps {
  meeting: Meeting;
  /** May invite, re-role and remove (and the meeting is not over). */
  mayManage: boolean;
  directory: DirectoryEntry[];
  onChanged(meeting: Meeting): void;
  onRemoved(): void;
}

export function ParticipantsSection({ meeting, mayManage, directory, onChanged, onRemoved }: ParticipantsSectionProps) {
  const participants = meeting.participants ?? [];
  const invitable = directory.filter((entry) => !participants.some((p) => p.user_id === entry.id));
  const attendanceTaken = participants.some((p) => p.attended !== null);
  return (
    <Section title="Participants">
      <table className="participants">
        <caption className="visually-hidden">Participants and their roles in this meeting</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role in the meeting</th>
            {attendanceTaken && <th scope="col">Attended</th>}
            {mayManage && <th scope="col">Change</th>}
          </tr>
        </thead>
        <tbody>
          {participants.map((participant) =>
            mayManage ? (
              <ParticipantRow
                key={participant.user_id}
                meetingId={meeting.id}
                participant={participant}
                showAttendance={attendanceTaken}
                onChanged={onChanged}
                onRemoved={onRemoved}
              />
            ) : (
              <tr key={participant.user_id}>
                <td>{participant.display_name}</td>
                <td>{meetingRoleLabels[participant.meeting_role]}</td>
                {attendanceTaken && <td>{attendedText(participant.attended)}</td>}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {mayManage && <InviteForm meetingId={meeting.id} people={invitable} onInvited={onChanged} />}
    </Section>
  );
}
