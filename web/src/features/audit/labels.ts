// Words people read for the audit trail's values.
import { clinicRoleLabels } from '../../auth/session';
import type { AuditEvent, AuditOutcome } from './api';

export const outcomeLabels: Record<AuditOutcome, string> = {
  success: 'Success',
  denied: 'Denied',
  not_found: 'Not found',
  failure: 'Failed',
};

/** Who acted: the person, or the server itself (the retention job) or an operator at its command line. */
export function actorName(event: Pick<AuditEvent, 'actor'>): string {
  return event.actor?.name ?? 'The system';
}

export function roleName(role: AuditEvent['clinic_role']): string {
  return role === null ? '—' : clinicRoleLabels[role];
}
