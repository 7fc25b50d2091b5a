import { describe, expect, it } from 'vitest';
import { formatTimeLeft, planEditing } from './edit-window';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('formatTimeLeft', () => {
  it('says days and hours, rounded down', () => {
    expect(formatTimeLeft(5 * day + 3 * hour + 59 * minute)).toBe('5 days 3 hours');
    expect(formatTimeLeft(7 * day - 1)).toBe('6 days 23 hours');
    expect(formatTimeLeft(1 * day + 1 * hour)).toBe('1 day 1 hour');
    expect(formatTimeLeft(2 * day + 30 * minute)).toBe('2 days');
  });

  it('says hours and minutes under a day, then minutes', () => {
    expect(formatTimeLeft(2 * hour + 10 * minute + 59_000)).toBe('2 hours 10 minutes');
    expect(formatTimeLeft(3 * hour)).toBe('3 hours');
    expect(formatTimeLeft(1 * minute)).toBe('1 minute');
    expect(formatTimeLeft(59_999)).toBe('less than a minute');
  });
});

describe('planEditing', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const clinician = { userId: 'u1', writesPlans: true };
  const colleague = { userId: 'u2', writesPlans: true };
  const reader = { userId: 'u3', writesPlans: false };
  const completed = {
    state: 'completed' as const,
    responsible_clinician_id: 'u1',
    edit_window_closes_at: '2026-11-30T15:30:00Z',
  };

  it('lets anyone who writes plans change a draft or active plan', () => {
    const active = { ...completed, state: 'active' as const, edit_window_closes_at: null };
    expect(planEditing(active, colleague, now)).toEqual({ kind: 'open', canEdit: true });
    expect(planEditing(active, reader, now)).toEqual({ kind: 'open', canEdit: false });
  });

  it('lets only the responsible clinician change a completed plan, counting down the window', () => {
    expect(planEditing(completed, clinician, now)).toEqual({
      kind: 'window',
      canEdit: true,
      closesAt: new Date(completed.edit_window_closes_at),
      timeLeft: '5 days 3 hours',
    });
    expect(planEditing(completed, colleague, now)).toMatchObject({ kind: 'window', canEdit: false });
  });

  it('makes a plan read-only once the window has closed or it was stopped', () => {
    const later = new Date('2026-11-30T15:30:00Z');
    expect(planEditing(completed, clinician, later)).toEqual({ kind: 'read_only', canAddend: true });
    expect(planEditing({ ...completed, state: 'stopped', edit_window_closes_at: null }, reader, now)).toEqual({
      kind: 'read_only',
      canAddend: false,
    });
  });
});
