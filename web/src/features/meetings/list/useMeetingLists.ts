import { useCallback, useMemo, useState } from 'react';
import { useApiData } from '../../../components/useApiData';
import { weekRange } from '../dates';
import { listMeetings } from '../meetings-api';
import type { Meeting, Page } from '../types';

const kPageSize = 50;
// A week rarely has more; the calendar stops asking after this many pages.
const kMaxWeekPages = 5;

/** Meetings from the start of today on, a page at a time. */
export function useUpcomingMeetings() {
  const from = useMemo(() => {
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    return today.toISOString();
  }, []);
  const { data, error, setData } = useApiData<Page<Meeting>>(
    (signal) => listMeetings({ from, limit: kPageSize }, signal),
    [from],
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  const loadMore = useCallback(async () => {
    const cursor = data?.next_cursor;
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listMeetings({ from, limit: kPageSize, cursor });
      setData((current) => ({ items: [...(current?.items ?? []), ...page.items], next_cursor: page.next_cursor }));
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }, [data, from, setData]);

  return {
    meetings: data?.items,
    hasMore: Boolean(data?.next_cursor),
    error: error ?? moreError,
    loadMore,
    loadingMore,
  };
}

/** Every meeting that starts in the week beginning at `weekStart` (local midnight). */
export function useWeekMeetings(weekStart: Date, enabled: boolean) {
  const key = weekStart.getTime();
  const { data, error, loading } = useApiData<Meeting[]>(
    async (signal) => {
      if (!enabled) return [];
      const meetings: Meeting[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < kMaxWeekPages; page += 1) {
        const next = await listMeetings({ ...weekRange(weekStart), limit: 100, cursor }, signal);
        meetings.push(...next.items);
        if (!next.next_cursor) break;
        cursor = next.next_cursor;
      }
      return meetings;
    },
    [key, enabled],
  );
  return { meetings: data, error, loading };
}
