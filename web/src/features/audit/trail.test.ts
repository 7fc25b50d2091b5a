import { describe, expect, it } from 'vitest';
import type { AuditEvent } from './api';
import { describeTrail, startTrail, withOlder } from './trail';

function event(id: string): AuditEvent {
  return {
    id,
    occurred_at: '2026-11-25T18:02:55.123456Z',
    actor: { id: 'u1', name: 'Dr Ada Demo' },
    clinic_role: 'owner',
    meeting_role: null,
    action: 'patient.read',
    outcome: 'success',
    resource_type: 'patient',
    resource_id: 'p1',
    patient_id: 'p1',
    patient_ids: null,
    changed_fields: [],
    before: null,
    after: null,
    values_withheld: false,
    detail: null,
    ip: '127.0.0.1',
    user_agent: null,
    request_id: 'r1',
  };
}

const query = { patient_id: 'p1' };

describe('the trail', () => {
  it('pages back with the cursor of the last page and the filters of the first', () => {
    const first = startTrail(query, { events: [event('5'), event('4')], next_cursor: 'c1' });
    expect(first).toEqual({ query, events: [event('5'), event('4')], nextCursor: 'c1' });

    const second = withOlder(first, { events: [event('3'), event('2')], next_cursor: 'c2' });
    expect(second.query).toBe(query);
    expect(second.events.map((shown) => shown.id)).toEqual(['5', '4', '3', '2']);
    expect(second.nextCursor).toBe('c2');

    const last = withOlder(second, { events: [event('1')], next_cursor: null });
    expect(last.events.map((shown) => shown.id)).toEqual(['5', '4', '3', '2', '1']);
    expect(last.nextCursor).toBeNull();
  });

  it('says how many records are shown and whether there are older ones', () => {
    expect(describeTrail(startTrail(query, { events: [], next_cursor: null }))).toBe('No records match these filters.');
    expect(describeTrail(startTrail(query, { events: [event('1')], next_cursor: null }))).toBe(
      '1 record, newest first.',
    );
    expect(describeTrail(startTrail(query, { events: [event('2'), event('1')], next_cursor: 'c' }))).toBe(
      'Showing the newest 2 records; there are older ones.',
    );
  });
});
