import { useState } from 'react';
import { api, call } from '../../../api/client';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import type { Directory } from '../../directory/useDirectory';
import { ConflictNotice, type Choice } from '../shared/ConflictNotice';
import { changedFields } from '../shared/three-way';
import { ifMatch, isStale, staleSaveError, useConflict } from '../shared/useConflict';
import { useRowsForm } from '../shared/useRowsForm';
import { readPlan } from './api';
import { PlanFieldInputs } from './PlanFieldInputs';
import {
  planDraft,
  planFieldSpecs,
  planFields,
  planValuesProblems,
  splitPlanDraft,
  stepRules,
  type PlanDraft,
} from './plan-draft';
import type { Plan } from './plan-model';

interface EditPlanFormProps {
  plan: Plan;
  directory: Directory;
  onSaved(plan: Plan, changed: boolean): void;
  onCancel(): void;
}

/** Changes a plan (a new version) with If-Match; a stale save shows what changed meanwhile, as for patients. */
export function EditPlanForm({ plan, directory, onSaved, onCancel }: EditPlanFormProps) {
  const [base, setBase] = useState(plan);
  const [values, steps] = splitPlanDraft(planDraft(plan));
  const conflict = useConflict<PlanDraft>(planFieldSpecs(directory.nameOf));

  const form = useRowsForm({
    initialValues: values,
    initialRows: steps,
    rules: stepRules,
    validate: planValuesProblems,
    async onSubmit(current, cleaned) {
      const yours: PlanDraft = { ...current, steps: cleaned };
      const changes = changedFields(planDraft(base), yours);
      if (Object.keys(changes).length === 0) return onSaved(base, false);
      try {
        const saved = await call(
          api.PATCH('/api/v1/plans/{plan_id}', {
            params: { path: { plan_id: base.id }, header: { 'If-Match': ifMatch(base.version) } },
            body: planFields(changes),
          }),
        );
        onSaved(saved as Plan, true);
      } catch (err) {
        if (!isStale(err)) throw err;
        const latest = await readPlan(base.id);
        form.resetAll(...splitPlanDraft(conflict.found(planDraft(base), planDraft(latest), yours)));
        setBase(latest);
        throw staleSaveError();
      }
    },
  });

  function choose(name: keyof PlanDraft, choice: Choice) {
    const value = conflict.choose(name, choice);
    if (value !== undefined) form.setPart(name, value);
  }

  return (
    <form onSubmit={form.handleSubmit} noValidate aria-label="Edit the plan">
      <FormError message={form.formError} />
      {conflict.conflict && (
        <ConflictNotice
          changes={conflict.conflict.changes}
          choices={conflict.choices}
          onChoose={(name, choice) => choose(name as keyof PlanDraft, choice)}
        />
      )}
      <PlanFieldInputs form={form} clinicians={directory.clinicians} />
      <div className="plan-form__actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          {conflict.conflict ? 'Save again' : 'Save the plan'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
