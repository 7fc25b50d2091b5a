// The decision form: values from the latest version, checks, and the body of PUT .../decision.
import type { DecisionBody } from '../meetings-api';
import type { Decision, Outcome, Resolution } from '../types';

export interface DecisionValues extends Record<string, string | boolean> {
  outcome: Outcome | '';
  outcome_detail: string;
  rationale: string;
  resolution: Resolution;
  trial_considered: boolean;
  trial_name: string;
  responsible_clinician_id: string;
  reason: string;
}

/** A new decision starts empty (the person recording it responsible if they may be); a change starts from the latest. */
export function decisionValues(latest: Decision | null, defaultClinicianId: string): DecisionValues {
  return {
    outcome: latest?.outcome ?? '',
    outcome_detail: latest?.outcome_detail ?? '',
    rationale: latest?.rationale ?? '',
    resolution: latest?.resolution ?? 'resolved',
    trial_considered: latest?.trial_considered ?? false,
    trial_name: latest?.trial_name ?? '',
    responsible_clinician_id: latest?.responsible_clinician_id ?? defaultClinicianId,
    reason: '',
  };
}

/** `needsReason`: the latest version is signed, so this is a new version and says why. */
export function checkDecision(
  values: DecisionValues,
  needsReason: boolean,
): Partial<Record<keyof DecisionValues & string, string>> {
  const problems: Partial<Record<keyof DecisionValues & string, string>> = {};
  if (!values.outcome) problems.outcome = 'Choose the outcome.';
  if (values.outcome === 'other' && !values.outcome_detail.trim()) problems.outcome_detail = 'Describe the outcome.';
  if (!values.rationale.trim()) problems.rationale = 'Give the rationale.';
  if (!values.responsible_clinician_id) problems.responsible_clinician_id = 'Choose the responsible clinician.';
  if (needsReason && !values.reason.trim()) problems.reason = 'Say why the signed decision changes.';
  return problems;
}

export function decisionBody(values: DecisionValues, needsReason: boolean): DecisionBody {
  if (!values.outcome) throw new Error('decisionBody needs checked values');
  const detail = values.outcome_detail.trim();
  const trialName = values.trial_name.trim();
  return {
    outcome: values.outcome,
    ...(detail && { outcome_detail: detail }),
    rationale: values.rationale.trim(),
    resolution: values.resolution,
    trial_considered: values.trial_considered,
    // The API refuses a trial name when no trial was considered.
    ...(values.trial_considered && trialName && { trial_name: trialName }),
    responsible_clinician_id: values.responsible_clinician_id,
    ...(needsReason && { reason: values.reason.trim() }),
  };
}
