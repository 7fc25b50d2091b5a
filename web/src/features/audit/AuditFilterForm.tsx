import { useEffect, useRef, useState } from 'react';
import { clinicRoleLabels } from '../../auth/session';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { LabelOptions } from '../../components/LabelOptions';
import { useApiForm } from '../../components/useApiForm';
import type { Member } from '../directory/useDirectory';
import { checkFilters, emptyFilters, type AuditFilters } from './filters';
import { outcomeLabels } from './labels';

interface AuditFilterFormProps {
  initialFilters: AuditFilters;
  /** The clinic's members, to choose whose records to see. */
  members: readonly Member[];
  /** Shows the records matching the filters; throws (an ApiError) when the API refuses them. */
  onApply(filters: AuditFilters): Promise<void>;
}

/**
 * The audit screen's filters. It applies its initial filters as soon as it is shown, through the same
 * submit as Apply, so an address's bad patient id is explained next to its field like a typed one.
 */
export function AuditFilterForm({ initialFilters, members, onApply }: AuditFilterFormProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const [applyNext, setApplyNext] = useState(true);
  const form = useApiForm({ initialValues: initialFilters, validate: checkFilters, onSubmit: onApply });

  useEffect(() => {
    if (!applyNext) return;
    setApplyNext(false);
    formRef.current?.requestSubmit();
  }, [applyNext]);

  function clear() {
    form.reset(emptyFilters);
    setApplyNext(true);
  }

  const people = [...members].sort((a, b) => a.display_name.localeCompare(b.display_name));

  return (
    <form
      ref={formRef}
      className="audit-filters"
      aria-label="Filter the audit trail"
      onSubmit={form.handleSubmit}
      noValidate
    >
      <FormError message={form.formError} />
      <div className="audit-filters__fields">
        <Field label="Patient id" autoComplete="off" spellCheck={false} {...form.field('patient_id')} />
        <Field as="select" label="Person" {...form.field('actor_id')}>
          <option value="">Anyone</option>
          {people.map((member) => (
            <option key={member.id} value={member.id}>
              {member.display_name} ({clinicRoleLabels[member.role]})
            </option>
          ))}
        </Field>
        <Field
          label="Action"
          hint="e.g. patient.read, or patient. for every action that starts so"
          autoComplete="off"
          spellCheck={false}
          {...form.field('action')}
        />
        <Field
          label="Resource type"
          hint="e.g. patient, meeting, session"
          autoComplete="off"
          spellCheck={false}
          {...form.field('resource_type')}
        />
        <Field as="select" label="Outcome" {...form.field('outcome')}>
          <option value="">Any outcome</option>
          <LabelOptions labels={outcomeLabels} />
        </Field>
        <Field label="From" hint="Your local time, included" type="datetime-local" {...form.field('from')} />
        <Field label="To" hint="Your local time, not included" type="datetime-local" {...form.field('to')} />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          Apply
        </Button>
        <Button onClick={clear} disabled={form.submitting}>
          Clear
        </Button>
      </div>
    </form>
  );
}
