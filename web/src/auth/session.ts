// Who is signed in, in which clinic, with which role.
export const clinicRoles = ['owner', 'admin', 'practitioner', 'nurse', 'front_desk', 'read_only', 'guest'] as const;
export type ClinicRole = (typeof clinicRoles)[number];

export const clinicRoleLabels: Record<ClinicRole, string> = {
  owner: 'Owner',
  admin: 'Administrator',
  practitioner: 'Practitioner',
  nurse: 'Nurse',
  front_desk: 'Front desk',
  read_only: 'Read only',
  guest: 'Guest',
};

export interface User {
  id: string;
  email: string;
  display_name: string;
}

export interface Membership {
  clinic_id: string;
  clinic_name: string;
  role: ClinicRole;
  mfa_required: boolean;
}

export interface Session {
  user: User;
  session_id: string;
  clinic_id: string;
  role: ClinicRole;
  multi_factor: boolean;
  memberships: Membership[];
}

export function currentClinicName(session: Session): string {
  return session.memberships.find((m) => m.clinic_id === session.clinic_id)?.clinic_name ?? '';
}
