import { useCallback, useEffect, useState } from 'react';

/**
 * The current time, updated every `intervalMs`, for countdowns; and a way to take it again at once, after the
 * thing counted from has just changed (a plan completed a moment ago has its whole window left, not a
 * window measured from when the page opened).
 */
export function useNow(intervalMs = 30_000): [Date, () => void] {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  const refresh = useCallback(() => setNow(new Date()), []);
  return [now, refresh];
}
