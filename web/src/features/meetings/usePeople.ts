import { useDirectory } from '../directory/useDirectory';
import type { Participant } from './types';

/**
 * The clinic's directory (when the person may read it) and a way to name anyone by id: participants first,
 * then the directory.
 */
export function usePeople(participants: readonly Participant[] | undefined, mayReadDirectory: boolean) {
  const directory = useDirectory(mayReadDirectory);
  function nameOf(userId: string | null | undefined): string {
    return participants?.find((p) => p.user_id === userId)?.display_name ?? directory.nameOf(userId);
  }
  return { directory: directory.members, nameOf };
}
