import { api, call } from '../../../api/client';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { Section } from '../../../components/Section';
import { useApiForm } from '../../../components/useApiForm';
import { formatDateTime } from '../../../lib/format';
import type { Directory } from '../../directory/useDirectory';
import type { Plan } from './plan-model';

interface AddendaSectionProps {
  plan: Plan;
  /** The plan is read-only and the viewer may correct it. */
  canAdd: boolean;
  directory: Directory;
  onAdded(plan: Plan): void;
}

/** Corrections of a read-only plan, oldest first, and the form to add one. */
export function AddendaSection({ plan, canAdd, directory, onAdded }: AddendaSectionProps) {
  const form = useApiForm({
    initialValues: { text: '' },
    validate: (values) => (values.text.trim() ? {} : { text: 'Write the correction.' }),
    async onSubmit({ text }) {
      const added = await call(
        api.POST('/api/v1/plans/{plan_id}/addenda', { params: { path: { plan_id: plan.id } }, body: { text } }),
      );
      form.reset();
      onAdded(added as Plan);
    },
  });

  if (plan.addenda.length === 0 && !canAdd) return null;
  return (
    <Section title="Addenda">
      {plan.addenda.length === 0 ? (
        <p>No addenda yet.</p>
      ) : (
        <ol className="plan-addenda">
          {plan.addenda.map((addendum) => (
            <li key={addendum.id}>
              <p className="plan-addenda__text">{addendum.text}</p>
              <p className="plan-addenda__meta">
                {directory.nameOf(addendum.author_id)}, {formatDateTime(addendum.created_at)}
              </p>
            </li>
          ))}
        </ol>
      )}
      {canAdd && (
        <form onSubmit={form.handleSubmit} noValidate aria-label="Add an addendum">
          <FormError message={form.formError} />
          <Field
            label="Addendum"
            as="textarea"
            rows={4}
            maxLength={10000}
            hint="What to correct or add, and why."
            {...form.field('text')}
          />
          <Button type="submit" variant="primary" busy={form.submitting}>
            Add the addendum
          </Button>
        </form>
      )}
    </Section>
  );
}
