import { Button } from '../../../components/Button';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { useApiForm } from '../../../components/useApiForm';
import { browserTimeZone } from '../dates';
import { createMeeting, createSeries } from '../meetings-api';
import type { Meeting } from '../types';
import {
  checkNewMeeting,
  emptyNewMeeting,
  inFormTerms,
  kMaxCutoffHours,
  kMaxOccurrences,
  newMeetingRequest,
  repeatOptions,
} from './create-meeting';

interface CreateMeetingDialogProps {
  specialties: string[];
  onClose(): void;
  /** The new meeting, or the first of a new series. */
  onCreated(meeting: Meeting): void;
}

export function CreateMeetingDialog({ specialties, onClose, onCreated }: CreateMeetingDialogProps) {
  const form = useApiForm({
    initialValues: emptyNewMeeting,
    validate: checkNewMeeting,
    async onSubmit(values) {
      const request = newMeetingRequest(values);
      try {
        const created =
          request.kind === 'series' ? (await createSeries(request.body))[0] : await createMeeting(request.body);
        if (created) onCreated(created);
      } catch (err) {
        throw inFormTerms(err);
      }
    },
  });
  const repeats = form.values.interval_weeks !== '';

  return (
    <Dialog title="New meeting" onClose={onClose}>
      <form onSubmit={form.handleSubmit} noValidate>
        <FormError message={form.formError} />
        <Field label="Title" autoComplete="off" required {...form.field('title')} />
        <Field
          label="Specialty"
          hint="For example lung, breast or colorectal."
          list="known-specialties"
          autoComplete="off"
          required
          {...form.field('specialty')}
        />
        <datalist id="known-specialties">
          {specialties.map((specialty) => (
            <option key={specialty} value={specialty} />
          ))}
        </datalist>
        <Field
          label="Starts"
          type="datetime-local"
          hint={`Your time zone: ${browserTimeZone()}.`}
          required
          {...form.field('starts_at')}
        />
        <Field label="Ends (same day)" type="time" required {...form.field('ends_at')} />
        <Field label="Place" hint="A room, optional." autoComplete="off" {...form.field('location')} />
        <Field
          label="Online meeting link"
          hint="An https:// address, optional."
          type="url"
          autoComplete="off"
          {...form.field('online_link')}
        />
        <Field
          label="Proposals close (hours before the start)"
          type="number"
          min={0}
          max={kMaxCutoffHours}
          inputMode="numeric"
          {...form.field('cutoff_hours')}
        />
        <Field label="Repeats" as="select" {...form.field('interval_weeks')}>
          {repeatOptions.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Field>
        {repeats && (
          <Field
            label="Number of meetings"
            type="number"
            min={1}
            max={kMaxOccurrences}
            inputMode="numeric"
            hint="All at the same local time; they start as drafts."
            {...form.field('occurrences')}
          />
        )}
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={form.submitting}>
            {repeats ? 'Create series' : 'Create meeting'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
