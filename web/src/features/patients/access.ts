// Who may do what with patients, as docs/permissions.md says; the server decides again on every call.
import type { ClinicRole } from '../../auth/session';
import { roleTable } from '../../auth/role-table';
import { may as mayAudit } from '../audit/access';

const kRoles = {
  /** patient.read, patient.list: demographics. */
  readPatients: ['owner', 'practitioner', 'nurse', 'front_desk', 'read_only'],
  /** patient.create, patient.update, patient.merge. */
  editPatients: ['owner', 'practitioner', 'front_desk'],
  /** patient.history.read, plan.read: the clinical record (front desk sees demographics only). */
  readClinical: ['owner', 'practitioner', 'nurse', 'read_only'],
  /** plan.write, plan.addendum. */
  writePlans: ['owner', 'practitioner'],
} as const satisfies Record<string, readonly ClinicRole[]>;

export type PatientAction = keyof typeof kRoles;

export const { rolesThatMay, may } = roleTable<PatientAction>(kRoles);

/** "Who accessed this record" on a patient's page: for roles that read both the patient and the audit trail. */
export function seesWhoAccessed(role: ClinicRole): boolean {
  return may(role, 'readPatients') && mayAudit(role, 'read');
}
