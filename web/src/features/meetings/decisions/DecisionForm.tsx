import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { LabelOptions } from '../../../components/LabelOptions';
import { useApiForm } from '../../../components/useApiForm';
import { outcomeLabels, resolutionLabels } from '../../decisions/labels';
import { recordDecision } from '../meetings-api';
import type { Decision, DirectoryEntry } from '../types';
import { checkDecision, decisionBody, decisionValues } from './decision-form';

// In the form, the option says what choosing it asks for.
const outcomeChoices = { ...outcomeLabels, other: 'Other (describe)' };

interface DecisionFormProps {
  meetingId: string;
  itemId: string;
  /** The latest version: the form starts from it. A signed one makes this a new version with a reason. */
  latest: Decision | null;
  clinicians: DirectoryEntry[];
  defaultClinicianId: string;
  onSaved(decision: Decision): void;
  onCancel?(): void;
}

export function DecisionForm({
  meetingId,
  itemId,
  latest,
  clinicians,
  defaultClinicianId,
  onSaved,
  onCancel,
}: DecisionFormProps) {
  const needsReason = Boolean(latest?.signed_at);
  const form = useApiForm({
    initialValues: decisionValues(latest, defaultClinicianId),
    validate: (values) => checkDecision(values, needsReason),
    async onSubmit(values) {
      onSaved(await recordDecision(meetingId, itemId, decisionBody(values, needsReason)));
    },
  });
  const submitLabel = needsReason ? 'Save new version' : latest ? 'Save changes' : 'Record decision';

  return (
    <form
      className="decision-form"
      onSubmit={form.handleSubmit}
      noValidate
      aria-label={needsReason ? 'Change the signed decision' : 'Decision'}
    >
      <FormError message={form.formError} />
      {needsReason && (
        <Field
          label="Reason for the change"
          as="textarea"
          hint="Required: the signed version is kept, and this new version records why it changed."
          required
          {...form.field('reason')}
        />
      )}
      <Field label="Outcome" as="select" required {...form.field('outcome')}>
        <option value="">Choose…</option>
        <LabelOptions labels={outcomeChoices} />
      </Field>
      <Field
        label="Outcome detail"
        as="textarea"
        hint="Required when the outcome is Other."
        {...form.field('outcome_detail')}
      />
      <Field label="Rationale" as="textarea" required {...form.field('rationale')} />
      <Field label="Resolution" as="select" {...form.field('resolution')}>
        <LabelOptions labels={resolutionLabels} />
      </Field>
      <Field label="A clinical trial was considered" type="checkbox" {...form.field('trial_considered')} />
      {form.values.trial_considered && <Field label="Trial name" autoComplete="off" {...form.field('trial_name')} />}
      <Field label="Responsible clinician" as="select" required {...form.field('responsible_clinician_id')}>
        <option value="">Choose…</option>
        {clinicians.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.display_name}
          </option>
        ))}
      </Field>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          {submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
