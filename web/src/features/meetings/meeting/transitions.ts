// The state buttons a meeting page offers: only the API's allowed_transitions, and only to those who may move it.
import type { Meeting, MeetingState } from '../types';

export interface TransitionAction {
  to: MeetingState;
  label: string;
  variant: 'primary' | 'secondary' | 'danger';
  /** Asked before moving, for moves that cannot be undone. */
  confirm?: string;
}

const actions: Record<MeetingState, Omit<TransitionAction, 'to'>> = {
  draft: { label: 'Back to draft', variant: 'secondary' },
  scheduled: { label: 'Schedule meeting', variant: 'primary' },
  in_progress: { label: 'Start meeting', variant: 'primary' },
  completed: {
    label: 'Complete meeting',
    variant: 'primary',
    confirm: 'The agenda and attendance close. Unresolved items of a series go to its next meeting.',
  },
  cancelled: {
    label: 'Cancel meeting',
    variant: 'danger',
    confirm: 'A cancelled meeting cannot be scheduled again.',
  },
};

export function transitionActions(
  meeting: Pick<Meeting, 'allowed_transitions'>,
  mayTransition: boolean,
): TransitionAction[] {
  if (!mayTransition) return [];
  const moves = meeting.allowed_transitions.map((to) => ({ to, ...actions[to] }));
  // The way forward first; cancelling last.
  return [...moves.filter((move) => move.variant !== 'danger'), ...moves.filter((move) => move.variant === 'danger')];
}
