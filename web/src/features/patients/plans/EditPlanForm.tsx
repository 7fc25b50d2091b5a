import { useState } from 'react';
import { api, call } from '../../../api/client';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import { FormSubmitError } from '../../../components/form-errors';
import { useApiForm } from '../../../components/useApiForm';
import type { Directory } from '../../directory/useDirectory';
import { ConflictNotice, type Choice } from '../shared/ConflictNotice';
import { changedFields } from '../shared/three-way';
import { ifMatch, isStale, staleSaveError, useConflict } from '../shared/useConflict';
import { readPlan } from './api';
import { PlanFieldInputs } from './PlanFieldInputs';
import {
  cleanSteps,
  planDraft,
  planFieldSpecs,
  planFields,
  splitPlanDraft,
  stepsProblem,
  type PlanDraft,
  type StepRow,
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
  const [values, initialSteps] = splitPlanDraft(planDraft(plan));
  const [steps, setSteps] = useState<StepRow[]>(initialSteps);
  const conflict = useConflict<PlanDraft>(planFieldSpecs(directory.nameOf));

  const form = useApiForm({
    initialValues: values,
    otherFields: ['steps'],
    validate(current) {
      return current.goals.trim() ? {} : { goals: 'Describe the goals of the plan.' };
    },
    async onSubmit(current) {
      const cleaned = cleanSteps(steps);
      const problem = stepsProblem(cleaned);
      if (problem) throw new FormSubmitError(problem, 'steps');
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
        const merged = conflict.found(planDraft(base), planDraft(latest), yours);
        setBase(latest);
        const [mergedValues, mergedSteps] = splitPlanDraft(merged);
        form.reset(mergedValues);
        setSteps(mergedSteps);
        throw staleSaveError();
      }
    },
  });

  function choose(name: keyof PlanDraft, choice: Choice) {
    const value = conflict.choose(name, choice);
    if (value === undefined) return;
    if (name === 'steps') setSteps(value as StepRow[]);
    else form.setValue(name, value as string);
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
      <PlanFieldInputs
        field={form.field}
        steps={steps}
        onStepsChange={setSteps}
        stepsError={form.errors.fields.steps}
        clinicians={directory.clinicians}
      />
      <div className="plan-form__actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          {conflict.conflict ? 'Save again' : 'Save the plan'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
