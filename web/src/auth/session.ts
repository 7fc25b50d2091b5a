// Who is signed in, in which clinic, with which role.
import type { components } from '../api/schema';

export type ClinicRole = components['schemas']['ClinicRole'];
export type User = components['schemas']['User'];
export type Membership = components['schemas']['Membership'];
export type Session = components['schemas']['Profile'];

export const clinicRoleLabels: Record<ClinicRole, string> = {
  owner: 'Owner',
  admin: 'Administrator',
  practitioner: 'Practitioner',
  nurse: 'Nurse',
  front_desk: 'Front desk',
  read_only: 'Read only',
  guest: 'Guest',
};

export const clinicRoles = Object.keys(clinicRoleLabels) as ClinicRole[];

export function currentClinicName(session: Session): string {
  return session.memberships.find((m) => m.clinic_id === session.clinic_id)?.clinic_name ?? '';
}
