// Who may do what with files, as docs/permissions.md says; the server decides again on every call.
import type { ClinicRole } from '../../auth/session';
import { roleTable } from '../../auth/role-table';

const kRoles = {
  /** file.read: list a patient's or an agenda item's files. */
  read: ['owner', 'practitioner', 'nurse', 'read_only'],
  /** file.download: audited; guests never download. */
  download: ['owner', 'practitioner', 'nurse', 'read_only'],
  /** file.upload: to a patient or an agenda item. */
  upload: ['owner', 'practitioner', 'nurse'],
} as const satisfies Record<string, readonly ClinicRole[]>;

export type FileAction = keyof typeof kRoles;

export const { rolesThatMay, may } = roleTable<FileAction>(kRoles);
