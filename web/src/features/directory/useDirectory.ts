// The clinic's directory: its active members, to name people by id and to choose a responsible clinician.
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useApiData } from '../../components/useApiData';

export type Member = components['schemas']['DirectoryEntry'];

export async function readDirectory(signal?: AbortSignal): Promise<Member[]> {
  return (await call(api.GET('/api/v1/directory', { signal }))).items;
}

const clinicianRoles = new Set<Member['role']>(['owner', 'practitioner']);

/** Who may be responsible for a decision or a plan: the clinic's owners and practitioners (the server checks again). */
export function clinicians(members: readonly Member[]): Member[] {
  return members.filter((member) => clinicianRoles.has(member.role));
}

/** The directory, read once. With `mayRead` false (a meeting's guest may not read it) it asks nothing and lists no one. */
export function useDirectory(mayRead = true) {
  const directory = useApiData<Member[]>(
    (signal) => (mayRead ? readDirectory(signal) : Promise.resolve([])),
    [mayRead],
  );
  const members = directory.data ?? [];
  return {
    members,
    clinicians: clinicians(members),
    error: directory.error,
    /** A member's name; people who have left the clinic are no longer listed. */
    nameOf(id: string | null | undefined): string {
      if (!id) return '';
      return members.find((member) => member.id === id)?.display_name ?? (directory.data ? 'A former member' : '…');
    },
  };
}

export type Directory = ReturnType<typeof useDirectory>;
