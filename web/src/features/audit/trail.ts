// The records the audit screen shows: the newest page for the applied filters, then older pages on request.
import type { AuditEvent, AuditEventPage, AuditQuery } from './api';

export interface Trail {
  /** The filters these records match; older pages are asked for with the same ones. */
  query: AuditQuery;
  events: AuditEvent[];
  /** Where the next, older page starts; null when the oldest record is shown. */
  nextCursor: string | null;
}

export function startTrail(query: AuditQuery, page: AuditEventPage): Trail {
  return { query, events: page.events, nextCursor: page.next_cursor };
}

/** The trail with the next, older page below it. */
export function withOlder(trail: Trail, page: AuditEventPage): Trail {
  return { query: trail.query, events: [...trail.events, ...page.events], nextCursor: page.next_cursor };
}

/** For the live region: "No records match.", "12 records.", "Showing the newest 50 records; there are older ones." */
export function describeTrail(trail: Trail): string {
  const count = trail.events.length;
  if (count === 0) return 'No records match these filters.';
  const noun = count === 1 ? 'record' : 'records';
  return trail.nextCursor === null
    ? `${count} ${noun}, newest first.`
    : `Showing the newest ${count} ${noun}; there are older ones.`;
}
