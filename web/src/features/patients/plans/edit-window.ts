// Whether a plan can be changed now, and by whom: draft and active plans by anyone who writes plans; a
// completed plan only by its responsible clinician until the clinic's edit window closes; after that, and
// once stopped, it is read-only and corrected by addenda.
import type { Plan } from './plan-model';

const kMinute = 60_000;
const kHour = 60 * kMinute;
const kDay = 24 * kHour;

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "5 days 3 hours", "2 hours 10 minutes", "4 minutes", "less than a minute": rounded down, never overstated. */
export function formatTimeLeft(ms: number): string {
  if (ms < kMinute) return 'less than a minute';
  const days = Math.floor(ms / kDay);
  const hours = Math.floor((ms % kDay) / kHour);
  const minutes = Math.floor((ms % kHour) / kMinute);
  if (days > 0) return hours > 0 ? `${count(days, 'day')} ${count(hours, 'hour')}` : count(days, 'day');
  if (hours > 0) return minutes > 0 ? `${count(hours, 'hour')} ${count(minutes, 'minute')}` : count(hours, 'hour');
  return count(minutes, 'minute');
}

export type PlanEditing =
  /** Draft or active. */
  | { kind: 'open'; canEdit: boolean }
  /** Completed, within the window. */
  | { kind: 'window'; canEdit: boolean; closesAt: Date; timeLeft: string }
  /** Completed after the window, or stopped: addenda only. */
  | { kind: 'read_only'; canAddend: boolean };

interface Viewer {
  userId: string;
  /** The viewer's clinic role may write plans (plan.write, plan.addendum). */
  writesPlans: boolean;
}

export function planEditing(
  plan: Pick<Plan, 'state' | 'edit_window_closes_at' | 'responsible_clinician_id'>,
  viewer: Viewer,
  now: Date,
): PlanEditing {
  if (plan.state === 'draft' || plan.state === 'active') return { kind: 'open', canEdit: viewer.writesPlans };
  const closesAt =
    plan.state === 'completed' && plan.edit_window_closes_at ? new Date(plan.edit_window_closes_at) : null;
  const left = closesAt ? closesAt.getTime() - now.getTime() : 0;
  if (closesAt === null || left <= 0) return { kind: 'read_only', canAddend: viewer.writesPlans };
  return {
    kind: 'window',
    canEdit: viewer.writesPlans && viewer.userId === plan.responsible_clinician_id,
    closesAt,
    timeLeft: formatTimeLeft(left),
  };
}
