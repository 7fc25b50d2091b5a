// A treatment plan as the API returns it (the OpenAPI schema leaves steps, addenda and versions untyped).
import type { components } from '../../../api/schema';
import { formatDate } from '../model';

export type PlanState = components['schemas']['Plan']['state'];

export interface PlanStep {
  description: string;
  due_date?: string;
}

export interface Addendum {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
}

export type Plan = Omit<components['schemas']['Plan'], 'steps' | 'addenda' | 'allowed_transitions'> & {
  steps: PlanStep[];
  addenda: Addendum[];
  allowed_transitions: PlanState[];
  changed_by: string;
  changed_at: string;
};

/** One kept version of a plan's content and state. */
export type PlanVersion = Pick<
  Plan,
  | 'version'
  | 'state'
  | 'goals'
  | 'steps'
  | 'start_date'
  | 'end_date'
  | 'responsible_clinician_id'
  | 'changed_by'
  | 'changed_at'
>;

export const planStateLabels: Record<PlanState, string> = {
  draft: 'Draft',
  active: 'Active',
  completed: 'Completed',
  stopped: 'Stopped',
};

/** The button that moves a plan into each state. */
export const transitionLabels: Record<PlanState, string> = {
  draft: 'Return to draft',
  active: 'Activate',
  completed: 'Complete',
  stopped: 'Stop',
};

/** The first line of the goals, shortened: a plan's name in lists. */
export function planTitle(goals: string, maxChars = 80): string {
  const firstLine = goals.trim().split('\n')[0] ?? '';
  return firstLine.length > maxChars ? `${firstLine.slice(0, maxChars - 1).trimEnd()}…` : firstLine;
}

/** "10 Jan 2027 to 30 Jun 2027", "From 10 Jan 2027", "Until 30 Jun 2027" or "Not set". */
export function describeDates({ start_date, end_date }: Pick<PlanVersion, 'start_date' | 'end_date'>): string {
  if (start_date && end_date) return `${formatDate(start_date)} to ${formatDate(end_date)}`;
  if (start_date) return `From ${formatDate(start_date)}`;
  return end_date ? `Until ${formatDate(end_date)}` : 'Not set';
}
