// Who may see and rotate the clinic's encryption keys, as docs/permissions.md says; the server decides again.
import type { ClinicRole } from '../../auth/session';

const kRoles = {
  /** keys.read: versions and re-wrapping progress. */
  read: ['owner'],
  /** keys.rotate: a new clinic key version. */
  rotate: ['owner'],
} as const satisfies Record<string, readonly ClinicRole[]>;

export type KeysAction = keyof typeof kRoles;

export function rolesThatMay(action: KeysAction): readonly ClinicRole[] {
  return kRoles[action];
}

export function may(role: ClinicRole, action: KeysAction): boolean {
  return (kRoles[action] as readonly ClinicRole[]).includes(role);
}
