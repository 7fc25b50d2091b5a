import { useState } from 'react';
import { apiErrorMessage } from '../../api/errors';
import { readAuditPage, type AuditQuery } from './api';
import { startTrail, withOlder, type Trail } from './trail';

/** The records shown: `show` loads the newest page for some filters (and throws if refused), `loadOlder` the next. */
export function useAuditTrail() {
  const [trail, setTrail] = useState<Trail | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);

  async function show(query: AuditQuery): Promise<void> {
    setLoading(true);
    try {
      const page = await readAuditPage(query, null);
      setOlderError(null);
      setTrail(startTrail(query, page));
    } finally {
      setLoading(false);
    }
  }

  async function loadOlder(): Promise<void> {
    if (!trail?.nextCursor) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await readAuditPage(trail.query, trail.nextCursor);
      // Other filters applied meanwhile replace these records: the older page belongs to the old ones.
      setTrail((current) => (current === trail ? withOlder(trail, page) : current));
    } catch (err) {
      setOlderError(apiErrorMessage(err));
    } finally {
      setLoadingOlder(false);
    }
  }

  return { trail, loading, show, loadOlder, loadingOlder, olderError };
}
