// How a patient's agenda items read to people.
import type { HistoryItem } from '../model';

const itemStateLabels: Record<HistoryItem['state'], string> = {
  pending: 'Proposed, waiting for approval',
  approved: 'On the agenda',
  rejected: 'Not accepted',
};

const triageLabels: Record<NonNullable<HistoryItem['triage']>, string> = {
  full_discussion: 'full discussion',
  standard_of_care: 'standard of care',
};

/** "On the agenda (full discussion)". */
export function describeItemState(item: Pick<HistoryItem, 'state' | 'triage'>): string {
  const state = itemStateLabels[item.state];
  return item.state === 'approved' && item.triage ? `${state} (${triageLabels[item.triage]})` : state;
}
