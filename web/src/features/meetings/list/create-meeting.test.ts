import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/errors';
import {
  checkNewMeeting,
  emptyNewMeeting,
  inFormTerms,
  newMeetingRequest,
  type NewMeetingValues,
} from './create-meeting';

const valid: NewMeetingValues = {
  ...emptyNewMeeting,
  title: ' Lung MDT ',
  specialty: 'lung',
  starts_at: '2031-03-10T09:00',
  ends_at: '10:30',
  location: 'Room 2',
};

describe('checkNewMeeting', () => {
  it('accepts a complete meeting', () => {
    expect(checkNewMeeting(valid)).toEqual({});
  });

  it('names each missing or impossible field', () => {
    expect(checkNewMeeting({ ...emptyNewMeeting, cutoff_hours: 'x' })).toEqual({
      title: 'Enter a title.',
      specialty: 'Enter the specialty, e.g. lung.',
      starts_at: 'Enter the date and time it starts.',
      cutoff_hours: 'Enter a whole number of hours from 0 to 336.',
    });
    expect(checkNewMeeting({ ...valid, ends_at: '08:00' }).ends_at).toMatch(/end after it starts/);
    expect(checkNewMeeting({ ...valid, interval_weeks: '1', occurrences: '60' }).occurrences).toMatch(/1 to 52/);
  });
});

describe('newMeetingRequest', () => {
  it('makes one meeting with the cut-off the given hours before the start', () => {
    const request = newMeetingRequest(valid, 'Europe/London');
    const start = new Date(2031, 2, 10, 9, 0);
    expect(request).toEqual({
      kind: 'meeting',
      body: {
        title: 'Lung MDT',
        specialty: 'lung',
        starts_at: start.toISOString(),
        ends_at: new Date(2031, 2, 10, 10, 30).toISOString(),
        proposal_cutoff_at: new Date(start.getTime() - 24 * 3_600_000).toISOString(),
        location: 'Room 2',
      },
    });
  });

  it('makes a series when the meeting repeats, in the browser time zone', () => {
    const request = newMeetingRequest(
      { ...valid, interval_weeks: '2', occurrences: '6', cutoff_hours: '48' },
      'Europe/Paris',
    );
    expect(request).toEqual({
      kind: 'series',
      body: {
        title: 'Lung MDT',
        specialty: 'lung',
        first_starts_at: new Date(2031, 2, 10, 9, 0).toISOString(),
        time_zone: 'Europe/Paris',
        duration_minutes: 90,
        occurrences: 6,
        interval_weeks: 2,
        cutoff_hours: 48,
        location: 'Room 2',
      },
    });
  });
});

describe('inFormTerms', () => {
  it("renames the API's field names to the form's", () => {
    const err = new ApiError({ status: 400, code: 'invalid_argument', message: "'duration_minutes' must be 5-720" });
    expect((inFormTerms(err) as ApiError).message).toBe("'ends_at' must be 5-720");
    expect((inFormTerms(err) as ApiError).code).toBe('invalid_argument');
  });
});
