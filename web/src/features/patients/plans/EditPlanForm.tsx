import { api, call } from '../../../api/client';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import type { Directory } from '../../directory/useDirectory';
import { ConflictNotice } from '../shared/ConflictNotice';
import { ifMatch } from '../shared/useConflict';
import { useRecordEditForm } from '../shared/useRecordEditForm';
import { readPlan } from './api';
import { PlanFieldInputs } from './PlanFieldInputs';
import { planFieldSpecs, planFields, planFormParts, planValuesProblems, stepRules, type PlanDraft } from './plan-draft';
import type { Plan } from './plan-model';

interface EditPlanFormProps {
  plan: Plan;
  directory: Directory;
  onSaved(plan: Plan, changed: boolean): void;
  onCancel(): void;
}

async function savePlan(base: Plan, changes: Partial<PlanDraft>): Promise<Plan> {
  const saved = await call(
    api.PATCH('/api/v1/plans/{plan_id}', {
      params: { path: { plan_id: base.id }, header: { 'If-Match': ifMatch(base.version) } },
      body: planFields(changes),
    }),
  );
  return saved as Plan;
}

/** Changes a plan (a new version) with If-Match; a stale save shows what changed meanwhile, as for patients. */
export function EditPlanForm({ plan, directory, onSaved, onCancel }: EditPlanFormProps) {
  const form = useRecordEditForm({
    record: plan,
    formParts: planFormParts,
    rules: stepRules,
    fields: planFieldSpecs(directory.nameOf),
    validate: planValuesProblems,
    read: readPlan,
    save: savePlan,
    onSaved,
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate aria-label="Edit the plan">
      <FormError message={form.formError} />
      {form.conflict && <ConflictNotice {...form.conflict} />}
      <PlanFieldInputs form={form} clinicians={directory.clinicians} />
      <div className="plan-form__actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          {form.conflict ? 'Save again' : 'Save the plan'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
