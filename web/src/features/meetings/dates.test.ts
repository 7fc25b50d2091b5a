import { localIsoDate } from '../../lib/format';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatTime,
  formatWeek,
  localiseTimesIn,
  localInputToIso,
  meetingsByDay,
  minutesBetween,
  parseLocalIsoDate,
  startOfWeek,
  weekDays,
  weekRange,
} from './dates';

describe('startOfWeek', () => {
  it('is the Monday at local midnight, whatever the day and time', () => {
    const monday = new Date(2025, 10, 24);
    expect(startOfWeek(new Date(2025, 10, 24, 0, 0))).toEqual(monday);
    expect(startOfWeek(new Date(2025, 10, 26, 15, 30))).toEqual(monday);
    expect(startOfWeek(new Date(2025, 10, 30, 23, 59))).toEqual(monday); // Sunday ends the week
  });

  it('crosses months and years', () => {
    expect(startOfWeek(new Date(2026, 0, 1))).toEqual(new Date(2025, 11, 29));
  });
});

describe('weekDays and addDays', () => {
  it('keeps local midnight across a change of summer time', () => {
    // The last Sunday of March: clocks change in Europe, and a day may be 23 hours long.
    const days = weekDays(new Date(2025, 2, 24));
    expect(days.map(localIsoDate)).toEqual([
      '2025-03-24',
      '2025-03-25',
      '2025-03-26',
      '2025-03-27',
      '2025-03-28',
      '2025-03-29',
      '2025-03-30',
    ]);
    expect(days.every((day) => day.getHours() === 0 && day.getMinutes() === 0)).toBe(true);
    expect(addDays(new Date(2025, 2, 30), 1)).toEqual(new Date(2025, 2, 31));
  });
});

describe('weekRange', () => {
  it('asks for the week from Monday midnight to the next Monday midnight', () => {
    const monday = new Date(2025, 10, 24);
    expect(weekRange(monday)).toEqual({
      from: monday.toISOString(),
      to: new Date(2025, 11, 1).toISOString(),
    });
  });
});

describe('parseLocalIsoDate', () => {
  it('reads real dates only', () => {
    expect(parseLocalIsoDate('2025-11-24')).toEqual(new Date(2025, 10, 24));
    expect(parseLocalIsoDate('2025-02-30')).toBeNull();
    expect(parseLocalIsoDate('next week')).toBeNull();
    expect(parseLocalIsoDate(null)).toBeNull();
  });

  it('round-trips with localIsoDate', () => {
    expect(localIsoDate(parseLocalIsoDate('2026-01-05')!)).toBe('2026-01-05');
  });
});

describe('meetingsByDay', () => {
  it('puts each meeting under the local day it starts on, in start order', () => {
    const at = (day: number, hour: number) => new Date(2025, 10, day, hour).toISOString();
    const meetings = [
      { id: 'late', starts_at: at(25, 16) },
      { id: 'early', starts_at: at(25, 8) },
      { id: 'sunday', starts_at: at(30, 10) },
      { id: 'next-week', starts_at: at(31, 10) },
    ];
    const days = meetingsByDay(meetings, new Date(2025, 10, 24));
    expect(days.map((day) => day.map((m) => m.id))).toEqual([[], ['early', 'late'], [], [], [], [], ['sunday']]);
  });
});

describe('localInputToIso and minutesBetween', () => {
  it('reads a datetime-local value as local time', () => {
    expect(localInputToIso('2031-03-10T09:00')).toBe(new Date(2031, 2, 10, 9, 0).toISOString());
    expect(localInputToIso('')).toBeNull();
    expect(localInputToIso('2031-03-10')).toBeNull();
  });

  it('counts minutes between two instants', () => {
    expect(minutesBetween('2031-03-10T08:00:00Z', '2031-03-10T09:30:00Z')).toBe(90);
  });
});

describe('formatting', () => {
  it('shows times in the zone it is given', () => {
    expect(formatTime('2025-11-25T09:30:00Z', 'Europe/London')).toBe('09:30');
    expect(formatTime('2025-07-01T09:30:00Z', 'Europe/London')).toBe('10:30');
  });

  it('names a week by its first and last day', () => {
    expect(formatWeek(new Date(2025, 10, 24))).toBe('24 – 30 November 2025');
    expect(formatWeek(new Date(2025, 8, 29))).toBe('29 September – 5 October 2025');
    expect(formatWeek(new Date(2025, 11, 29))).toBe('29 December 2025 – 4 January 2026');
  });
});

describe('localiseTimesIn', () => {
  it('writes UTC instants in server messages as local times', () => {
    expect(localiseTimesIn('proposals closed at 2026-07-25T15:10:57Z; ask the organiser', 'Europe/London')).toBe(
      'proposals closed at 25 Jul 2026, 16:10; ask the organiser',
    );
    expect(localiseTimesIn('no times here')).toBe('no times here');
  });
});
