import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { LabelOptions } from '../../../components/LabelOptions';
import { useApiForm } from '../../../components/useApiForm';
import { clinicRoleLabels } from '../../../auth/session';
import { meetingRoleLabels } from '../labels';
import { setParticipant } from '../meetings-api';
import type { DirectoryEntry, Meeting, MeetingRole } from '../types';

interface InviteFormProps {
  meetingId: string;
  /** Members of the clinic who are not participants yet. */
  people: DirectoryEntry[];
  onInvited(meeting: Meeting): void;
}

/** A sensible meeting role for a member: a clinic guest can only be a guest. */
function defaultMeetingRole(person: DirectoryEntry | undefined): MeetingRole {
  if (person?.role === 'guest') return 'guest';
  if (person?.role === 'nurse') return 'nurse';
  return 'doctor';
}

export function InviteForm({ meetingId, people, onInvited }: InviteFormProps) {
  const form = useApiForm({
    initialValues: { user_id: '', meeting_role: 'doctor' },
    validate: (values) => (values.user_id ? {} : { user_id: 'Choose who to invite.' }),
    async onSubmit(values) {
      onInvited(await setParticipant(meetingId, values.user_id, values.meeting_role as MeetingRole));
      form.reset();
    },
  });
  const person = form.field('user_id');

  return (
    <form className="invite" onSubmit={form.handleSubmit} noValidate aria-label="Invite a participant">
      <h3>Invite someone</h3>
      <FormError message={form.formError} />
      <div className="inline-form">
        <Field
          label="Person"
          as="select"
          {...person}
          onChange={(event) => {
            person.onChange(event);
            const chosen = people.find((entry) => entry.id === event.target.value);
            form.setValue('meeting_role', defaultMeetingRole(chosen));
          }}
        >
          <option value="">Choose…</option>
          {people.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.display_name} ({clinicRoleLabels[entry.role]})
            </option>
          ))}
        </Field>
        <Field label="Role in the meeting" as="select" {...form.field('meeting_role')}>
          <LabelOptions labels={meetingRoleLabels} />
        </Field>
        <Button type="submit" variant="primary" busy={form.submitting}>
          Invite
        </Button>
      </div>
    </form>
  );
}
