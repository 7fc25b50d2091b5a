// How agenda and decision values read to people.
import type { HistoryDecision, HistoryItem } from '../model';

export const outcomeLabels: Record<string, string> = {
  surgery: 'Surgery',
  chemotherapy: 'Chemotherapy',
  radiotherapy: 'Radiotherapy',
  chemoradiotherapy: 'Chemoradiotherapy',
  systemic_therapy: 'Systemic therapy',
  surveillance: 'Surveillance',
  further_investigation: 'Further investigation',
  best_supportive_care: 'Best supportive care',
  standard_of_care: 'Standard of care',
  other: 'Other',
};

export const resolutionLabels: Record<string, string> = {
  resolved: 'Resolved',
  deferred: 'Deferred',
  awaiting_investigation: 'Awaiting investigation',
};

const itemStateLabels: Record<HistoryItem['state'], string> = {
  pending: 'Proposed, waiting for approval',
  approved: 'On the agenda',
  rejected: 'Not accepted',
};

const triageLabels: Record<NonNullable<HistoryItem['triage']>, string> = {
  full_discussion: 'full discussion',
  standard_of_care: 'standard of care',
};

export const meetingStateLabels: Record<HistoryItem['meeting_state'], string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** "On the agenda (full discussion)". */
export function describeItemState(item: Pick<HistoryItem, 'state' | 'triage'>): string {
  const state = itemStateLabels[item.state];
  return item.state === 'approved' && item.triage ? `${state} (${triageLabels[item.triage]})` : state;
}

/** "Surgery: lobectomy" or "Other: watchful waiting". */
export function describeOutcome(decision: Pick<HistoryDecision, 'outcome' | 'outcome_detail'>): string {
  const outcome = outcomeLabels[decision.outcome] ?? decision.outcome;
  return decision.outcome_detail ? `${outcome}: ${decision.outcome_detail}` : outcome;
}
