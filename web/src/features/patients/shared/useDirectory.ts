import { api, call } from '../../../api/client';
import type { components } from '../../../api/schema';
import { useApiData } from '../../../components/useApiData';

export type Member = components['schemas']['DirectoryEntry'];

/** Clinic roles that can be a plan's responsible clinician (the server checks again). */
const clinicianRoles = new Set<Member['role']>(['owner', 'practitioner']);

/** The clinic's active members, to name people by id and to pick a responsible clinician. */
export function useDirectory() {
  const directory = useApiData(async (signal) => (await call(api.GET('/api/v1/directory', { signal }))).items, []);
  const members = directory.data ?? [];
  return {
    members,
    clinicians: members.filter((member) => clinicianRoles.has(member.role)),
    error: directory.error,
    /** A member's name; people who have left the clinic are no longer listed. */
    nameOf(id: string | null | undefined): string {
      if (!id) return '';
      return members.find((member) => member.id === id)?.display_name ?? (directory.data ? 'A former member' : '…');
    },
  };
}

export type Directory = ReturnType<typeof useDirectory>;
