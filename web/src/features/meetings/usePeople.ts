import { useCallback } from 'react';
import { useApiData } from '../../components/useApiData';
import { getDirectory } from './meetings-api';
import type { DirectoryEntry, Participant } from './types';

/**
 * The clinic's directory (when the person may read it) and a way to name anyone by id: participants first,
 * then the directory.
 */
export function usePeople(participants: readonly Participant[] | undefined, mayReadDirectory: boolean) {
  const { data: directory, error } = useApiData<DirectoryEntry[]>(
    (signal) => (mayReadDirectory ? getDirectory(signal) : Promise.resolve([])),
    [mayReadDirectory],
  );
  const nameOf = useCallback(
    (userId: string | null | undefined) => {
      if (!userId) return '';
      return (
        participants?.find((p) => p.user_id === userId)?.display_name ??
        directory?.find((entry) => entry.id === userId)?.display_name ??
        'Someone no longer in the directory'
      );
    },
    [participants, directory],
  );
  return { directory: directory ?? [], directoryError: error, nameOf };
}
