import { describe, expect, it } from 'vitest';
import { auditEvent } from './test-event';
import { describeTrail, startTrail, withOlder } from './trail';

const query = { patient_id: 'p1' };

describe('the trail', () => {
  it('pages back with the cursor of the last page and the filters of the first', () => {
    const first = startTrail(query, { events: [auditEvent('5'), auditEvent('4')], next_cursor: 'c1' });
    expect(first).toEqual({ query, events: [auditEvent('5'), auditEvent('4')], nextCursor: 'c1' });

    const second = withOlder(first, { events: [auditEvent('3'), auditEvent('2')], next_cursor: 'c2' });
    expect(second.query).toBe(query);
    expect(second.events.map((shown) => shown.id)).toEqual(['5', '4', '3', '2']);
    expect(second.nextCursor).toBe('c2');

    const last = withOlder(second, { events: [auditEvent('1')], next_cursor: null });
    expect(last.events.map((shown) => shown.id)).toEqual(['5', '4', '3', '2', '1']);
    expect(last.nextCursor).toBeNull();
  });

  it('says how many records are shown and whether there are older ones', () => {
    expect(describeTrail(startTrail(query, { events: [], next_cursor: null }))).toBe('No records match these filters.');
    expect(describeTrail(startTrail(query, { events: [auditEvent('1')], next_cursor: null }))).toBe(
      '1 record, newest first.',
    );
    expect(describeTrail(startTrail(query, { events: [auditEvent('2'), auditEvent('1')], next_cursor: 'c' }))).toBe(
      'Showing the newest 2 records; there are older ones.',
    );
  });
});
