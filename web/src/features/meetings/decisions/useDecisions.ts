import { useApiData } from '../../../components/useApiData';
import { findDecision } from '../meetings-api';
import type { Decision } from '../types';

/** The latest decision of each item (null where none is recorded), when the person may read decisions. */
export function useDecisions(meetingId: string, itemIds: readonly string[], mayRead: boolean) {
  const key = itemIds.join(',');
  const { data, error } = useApiData<Map<string, Decision | null>>(
    async (signal) => {
      if (!mayRead) return new Map();
      const decisions = await Promise.all(itemIds.map((id) => findDecision(meetingId, id, signal)));
      return new Map(itemIds.map((id, i) => [id, decisions[i] ?? null]));
    },
    [meetingId, key, mayRead],
  );
  return { decisions: data, error };
}
