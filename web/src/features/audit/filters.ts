// The audit screen's filters as typed into its form, and the API query they make. Of all of them only the
// patient's id goes into the app's address (ids are not patient data), so a patient page can link to it.
import type { AuditOutcome, AuditQuery } from './api';

export type AuditFilters = {
  patient_id: string;
  actor_id: string;
  action: string;
  resource_type: string;
  outcome: AuditOutcome | '';
  /** datetime-local values: the browser's local time, without a zone. */
  from: string;
  to: string;
};

export const emptyFilters: AuditFilters = {
  patient_id: '',
  actor_id: '',
  action: '',
  resource_type: '',
  outcome: '',
  from: '',
  to: '',
};

/** The address parameter that opens the screen filtered by a patient. */
export const kPatientParameter = 'patient';

const actionPattern = /^[a-z_]+(\.[a-z_]+)*\.?$/;

/**
 * An action name as the API takes it: `patient.read` exactly, or `patient.` for every action that starts so.
 * A trailing `*` (`patient.*`) is taken to mean the prefix; the case is the API's (lower).
 */
export function actionFilter(text: string): string {
  return text.trim().toLowerCase().replace(/\*$/, '');
}

/** A datetime-local value (the browser's local time) as RFC 3339 in UTC; null when it is no date and time. */
export function localToUtc(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(local)) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace('.000Z', 'Z');
}

/** Checks that need no server; an empty object when all is well. The server checks the rest (ids, say). */
export function checkFilters(filters: AuditFilters): Partial<Record<keyof AuditFilters, string>> {
  const problems: Partial<Record<keyof AuditFilters, string>> = {};
  const action = actionFilter(filters.action);
  if (action && !actionPattern.test(action)) {
    problems.action = 'Give an action such as patient.read, or the start of one ending in a dot, such as patient.';
  }
  const from = filters.from ? localToUtc(filters.from) : undefined;
  const to = filters.to ? localToUtc(filters.to) : undefined;
  if (from === null) problems.from = 'Enter a date and a time.';
  if (to === null) problems.to = 'Enter a date and a time.';
  if (from && to && Date.parse(to) <= Date.parse(from)) problems.to = 'Must be later than the start.';
  return problems;
}

/** The API query for the filters filled in: trimmed, times in UTC; call checkFilters first. */
export function auditQuery(filters: AuditFilters): AuditQuery {
  const query = {
    // Ids as the API writes them: lower case.
    patient_id: filters.patient_id.trim().toLowerCase(),
    actor_id: filters.actor_id,
    action: actionFilter(filters.action),
    resource_type: filters.resource_type.trim().toLowerCase(),
    outcome: filters.outcome,
    from: filters.from && localToUtc(filters.from),
    to: filters.to && localToUtc(filters.to),
  };
  // Unset filters are left out: an empty parameter is not "no filter" to the API.
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value)) as AuditQuery;
}

/** The filters an address opens the screen with: a patient's id, or none. */
export function filtersFromAddress(search: URLSearchParams): AuditFilters {
  return { ...emptyFilters, patient_id: search.get(kPatientParameter)?.trim() ?? '' };
}

/** The address parameters for applied filters: the patient's id alone, never any other filter. */
export function addressFor(filters: AuditFilters): URLSearchParams {
  const patientId = filters.patient_id.trim();
  return new URLSearchParams(patientId ? { [kPatientParameter]: patientId } : {});
}
