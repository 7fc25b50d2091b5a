// A record as the review API returns it, for the audit feature's tests.
import type { AuditEvent } from './api';

export const patientId = '0b7f3c1e-2a4d-4e8f-9c6b-5d1a2e3f4a5b';

export function auditEvent(id: string, changes: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    occurred_at: '2026-11-25T18:02:55.123456Z',
    actor: { id: 'u2', name: 'Demo practitioner' },
    clinic_role: 'practitioner',
    meeting_role: null,
    action: 'patient.read',
    outcome: 'success',
    resource_type: 'patient',
    resource_id: patientId,
    patient_id: patientId,
    patient_ids: null,
    changed_fields: [],
    before: null,
    after: null,
    values_withheld: false,
    detail: null,
    ip: '127.0.0.1',
    user_agent: 'Mozilla/5.0',
    request_id: `req-${id}`,
    ...changes,
  };
}
