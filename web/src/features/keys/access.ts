// Who may see and rotate the clinic's encryption keys, as docs/permissions.md says; the server decides again.
import type { ClinicRole } from '../../auth/session';
import { roleTable } from '../../auth/role-table';

const kRoles = {
  /** keys.read: versions and re-wrapping progress. */
  read: ['owner'],
  /** keys.rotate: a new clinic key version. */
  rotate: ['owner'],
} as const satisfies Record<string, readonly ClinicRole[]>;

export type KeysAction = keyof typeof kRoles;

export const { rolesThatMay, may } = roleTable<KeysAction>(kRoles);
