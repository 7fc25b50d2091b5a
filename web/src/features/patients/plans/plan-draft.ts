// The plan form's values, and how they map to a plan and to the API's fields.
import type { components } from '../../../api/schema';
import { formatDate } from '../model';
import { showText, type FieldSpec } from '../shared/three-way';
import type { RowsRules } from '../shared/useRowsForm';
import type { Plan, PlanStep, PlanVersion } from './plan-model';

export type PlanFields = components['schemas']['PlanFields'];

export type PlanValues = {
  goals: string;
  start_date: string;
  end_date: string;
  responsible_clinician_id: string;
};

/** A step as the form edits it: every part text, '' when not given. */
export type StepRow = { description: string; due_date: string };

export type PlanDraft = PlanValues & { steps: StepRow[] };

export function planDraft(
  plan: Pick<PlanVersion, 'goals' | 'start_date' | 'end_date' | 'responsible_clinician_id' | 'steps'>,
): PlanDraft {
  return {
    goals: plan.goals,
    start_date: plan.start_date ?? '',
    end_date: plan.end_date ?? '',
    responsible_clinician_id: plan.responsible_clinician_id,
    steps: plan.steps.map((step) => ({ description: step.description, due_date: step.due_date ?? '' })),
  };
}

/** A plan's values for the form's fields, and its steps. */
export function planFormParts(plan: Plan): [PlanValues, StepRow[]] {
  const { steps, ...values } = planDraft(plan);
  return [values, steps];
}

/** Steps with surrounding spaces trimmed and fully blank rows dropped. */
export function cleanSteps(rows: StepRow[]): StepRow[] {
  return rows
    .map((row) => ({ description: row.description.trim(), due_date: row.due_date }))
    .filter((row) => row.description !== '' || row.due_date !== '');
}

export function stepsProblem(rows: StepRow[]): string | null {
  return rows.some((row) => row.description === '') ? 'Each step needs a description.' : null;
}

export const stepRules: RowsRules<'steps', StepRow> = { name: 'steps', clean: cleanSteps, problem: stepsProblem };

/** The checks of a plan form that need no server. */
export function planValuesProblems(values: PlanValues): Partial<Record<keyof PlanValues, string>> {
  return values.goals.trim() ? {} : { goals: 'Describe the goals of the plan.' };
}

function toStep(row: StepRow): PlanStep {
  return row.due_date ? { description: row.description, due_date: row.due_date } : { description: row.description };
}

/** The API's fields for (part of) a draft: an empty date clears it. */
export function planFields(draft: Partial<PlanDraft>): PlanFields {
  const fields: PlanFields = {};
  if (draft.goals !== undefined) fields.goals = draft.goals;
  if (draft.start_date !== undefined) fields.start_date = draft.start_date || null;
  if (draft.end_date !== undefined) fields.end_date = draft.end_date || null;
  if (draft.responsible_clinician_id !== undefined) fields.responsible_clinician_id = draft.responsible_clinician_id;
  if (draft.steps !== undefined) fields.steps = draft.steps.map(toStep);
  return fields;
}

/** The API's fields for a new plan: goals and responsible clinician always, the decision when there is one. */
export function newPlanFields(
  draft: PlanDraft,
  decisionItemId: string,
): PlanFields & Required<Pick<PlanFields, 'goals' | 'responsible_clinician_id'>> {
  const fields = { ...planFields(draft), goals: draft.goals, responsible_clinician_id: draft.responsible_clinician_id };
  return decisionItemId ? { ...fields, decision_item_id: decisionItemId } : fields;
}

/** "Lobectomy (by 15 Jan 2027); Oncology review", or "(none)". */
export function showSteps(rows: StepRow[]): string {
  if (rows.length === 0) return '(none)';
  return rows
    .map((row) => (row.due_date ? `${row.description} (by ${formatDate(row.due_date)})` : row.description))
    .join('; ');
}

export function planFieldSpecs(nameOf: (id: string) => string): FieldSpec<PlanDraft>[] {
  const showDate = (value: unknown) => (value ? formatDate(value as string) : '(none)');
  return [
    { name: 'goals', label: 'Goals', show: showText },
    { name: 'steps', label: 'Steps', show: (rows) => showSteps(rows as StepRow[]) },
    { name: 'start_date', label: 'Start date', show: showDate },
    { name: 'end_date', label: 'End date', show: showDate },
    { name: 'responsible_clinician_id', label: 'Responsible clinician', show: (id) => nameOf(id as string) },
  ];
}
