// The audit trail as the API returns it.
import { api, call } from '../../api/client';
import type { components, operations } from '../../api/schema';

export type AuditEvent = components['schemas']['AuditEvent'];
export type AuditEventPage = components['schemas']['AuditEventPage'];
export type AuditOutcome = components['schemas']['AuditOutcome'];
export type PatientAccess = components['schemas']['PatientAccesses']['people'][number];
/** The filters of a review or an export: everything but the paging. */
export type AuditQuery = Omit<NonNullable<operations['auditEvents']['parameters']['query']>, 'cursor' | 'limit'>;
export type ExportFormat = operations['exportAudit']['parameters']['query']['format'];

export function readAuditPage(query: AuditQuery, cursor: string | null, signal?: AbortSignal): Promise<AuditEventPage> {
  return call(
    api.GET('/api/v1/audit/events', { params: { query: cursor === null ? query : { ...query, cursor } }, signal }),
  );
}

export async function readPatientAccesses(patientId: string, signal?: AbortSignal): Promise<PatientAccess[]> {
  const accesses = await call(
    api.GET('/api/v1/patients/{patient_id}/accesses', { params: { path: { patient_id: patientId } }, signal }),
  );
  return accesses.people;
}

/** Starts an export; resolves to the response once its headers are in, the body still streaming. */
export function requestExport(format: ExportFormat, query: AuditQuery): Promise<Response> {
  const pending = api.GET('/api/v1/audit/export', { params: { query: { ...query, format } }, parseAs: 'stream' });
  // `call` turns a refusal into an ApiError; the body is read by the caller, as it arrives.
  return call(pending.then((result) => ({ ...result, data: result.response })));
}

/** Where the audit screen opens filtered by one patient (an id, never patient data). */
export function auditTrailAddress(patientId: string): string {
  return `/audit?${new URLSearchParams({ patient: patientId }).toString()}`;
}
