// How a board's decision reads to people: the meeting pages and the patient's history share these words.
import type { components } from '../../api/schema';

type Outcome = components['schemas']['Outcome'];
type Resolution = components['schemas']['Decision']['resolution'];

export const outcomeLabels: Record<Outcome, string> = {
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

export const resolutionLabels: Record<Resolution, string> = {
  resolved: 'Resolved',
  deferred: 'Deferred to a later meeting',
  awaiting_investigation: 'Awaiting investigation',
};

// The patient's history types these values as plain text: a value this app does not know reads as itself.
function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

/** "Surgery: lobectomy" or "Other: watchful waiting". */
export function describeOutcome(decision: { outcome: string; outcome_detail?: string | null }): string {
  const outcome = labelOf(outcomeLabels, decision.outcome);
  return decision.outcome_detail ? `${outcome}: ${decision.outcome_detail}` : outcome;
}

export function describeResolution(resolution: string): string {
  return labelOf(resolutionLabels, resolution);
}
