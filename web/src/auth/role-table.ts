// A feature's part of the permission table (docs/permissions.md): which clinic roles may take each of its
// actions. The server decides again on every call; this only shapes what the page offers.
import type { ClinicRole } from './session';

export interface RoleTable<Action extends string> {
  rolesThatMay(action: Action): readonly ClinicRole[];
  may(role: ClinicRole, action: Action): boolean;
}

export function roleTable<Action extends string>(roles: Record<Action, readonly ClinicRole[]>): RoleTable<Action> {
  return {
    rolesThatMay: (action) => roles[action],
    may: (role, action) => roles[action].includes(role),
  };
}
