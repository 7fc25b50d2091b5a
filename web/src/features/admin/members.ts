import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { clinicRoles, type ClinicRole } from '../../auth/session';

export type Member = components['schemas']['Member'];

export function patchMember(id: string, change: { role?: ClinicRole; disabled?: boolean }): Promise<Member> {
  return call(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: change }));
}

/** Only an owner may make someone an owner; the server refuses it from anyone else. */
export function assignableRoles(myRole: ClinicRole): ClinicRole[] {
  return myRole === 'owner' ? clinicRoles : clinicRoles.filter((role) => role !== 'owner');
}

/** Whether I may change this member at all: never myself, and an owner only when I am one. */
export function canManage(member: Member, me: { id: string; role: ClinicRole }): boolean {
  if (member.id === me.id) return false;
  return member.role !== 'owner' || me.role === 'owner';
}
