// Who may review and export the audit trail, as docs/permissions.md says; the server decides again on every call.
import type { ClinicRole } from '../../auth/session';
import { roleTable } from '../../auth/role-table';

const kRoles = {
  /** audit.read: the trail and who accessed a patient. */
  read: ['owner', 'admin'],
  /** audit.export: CSV, JSON Lines, FHIR. */
  export: ['owner', 'admin'],
} as const satisfies Record<string, readonly ClinicRole[]>;

export type AuditAction = keyof typeof kRoles;

export const { rolesThatMay, may } = roleTable<AuditAction>(kRoles);
