// The "New meeting" form: its values, their checks, and the API request they make (one meeting, or a
// series when it repeats).
import { ApiError } from '../../../api/errors';
import { browserTimeZone, localInputToIso, minutesBetween } from '../dates';
import type { NewMeeting, NewSeries } from '../meetings-api';

const kDefaultCutoffHours = '24';
export const kMaxCutoffHours = 336;
export const kMaxOccurrences = 52;

export const repeatOptions = [
  { value: '', label: 'Does not repeat' },
  { value: '1', label: 'Every week' },
  { value: '2', label: 'Every 2 weeks' },
  { value: '3', label: 'Every 3 weeks' },
  { value: '4', label: 'Every 4 weeks' },
] as const;

export interface NewMeetingValues extends Record<string, string> {
  title: string;
  specialty: string;
  /** datetime-local, e.g. 2031-03-10T09:00 */
  starts_at: string;
  /** time of day, the same day, e.g. 10:30 */
  ends_at: string;
  location: string;
  online_link: string;
  cutoff_hours: string;
  /** '' for a single meeting, else weeks between meetings */
  interval_weeks: string;
  occurrences: string;
}

export const emptyNewMeeting: NewMeetingValues = {
  title: '',
  specialty: '',
  starts_at: '',
  ends_at: '',
  location: '',
  online_link: '',
  cutoff_hours: kDefaultCutoffHours,
  interval_weeks: '',
  occurrences: '4',
};

type Request = { kind: 'meeting'; body: NewMeeting } | { kind: 'series'; body: NewSeries };

function times(values: NewMeetingValues) {
  const startsAt = localInputToIso(values.starts_at);
  const endsAt =
    startsAt && /^\d{2}:\d{2}$/.test(values.ends_at)
      ? localInputToIso(`${values.starts_at.slice(0, 10)}T${values.ends_at}`)
      : null;
  return { startsAt, endsAt };
}

function wholeNumberIn(text: string, min: number, max: number): boolean {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
}

export function checkNewMeeting(values: NewMeetingValues): Partial<Record<keyof NewMeetingValues, string>> {
  const problems: Partial<Record<keyof NewMeetingValues, string>> = {};
  if (!values.title.trim()) problems.title = 'Enter a title.';
  if (!values.specialty.trim()) problems.specialty = 'Enter the specialty, e.g. lung.';
  const { startsAt, endsAt } = times(values);
  if (!startsAt) problems.starts_at = 'Enter the date and time it starts.';
  else if (!endsAt) problems.ends_at = 'Enter the time it ends.';
  else if (Date.parse(endsAt) <= Date.parse(startsAt))
    problems.ends_at = 'It must end after it starts, on the same day.';
  if (!wholeNumberIn(values.cutoff_hours, 0, kMaxCutoffHours)) {
    problems.cutoff_hours = `Enter a whole number of hours from 0 to ${kMaxCutoffHours}.`;
  }
  if (values.interval_weeks && !wholeNumberIn(values.occurrences, 1, kMaxOccurrences)) {
    problems.occurrences = `Enter how many meetings, from 1 to ${kMaxOccurrences}.`;
  }
  return problems;
}

/** The request for valid values (checkNewMeeting found nothing). */
export function newMeetingRequest(values: NewMeetingValues, timeZone = browserTimeZone()): Request {
  const { startsAt, endsAt } = times(values);
  if (!startsAt || !endsAt) throw new Error('newMeetingRequest needs checked values');
  const place = {
    ...(values.location.trim() && { location: values.location.trim() }),
    ...(values.online_link.trim() && { online_link: values.online_link.trim() }),
  };
  const title = values.title.trim();
  const specialty = values.specialty.trim();
  const cutoffHours = Number(values.cutoff_hours);
  if (values.interval_weeks) {
    return {
      kind: 'series',
      body: {
        title,
        specialty,
        first_starts_at: startsAt,
        time_zone: timeZone,
        duration_minutes: minutesBetween(startsAt, endsAt),
        occurrences: Number(values.occurrences),
        interval_weeks: Number(values.interval_weeks),
        cutoff_hours: cutoffHours,
        ...place,
      },
    };
  }
  const cutoff = new Date(Date.parse(startsAt) - cutoffHours * 3_600_000).toISOString();
  return {
    kind: 'meeting',
    body: { title, specialty, starts_at: startsAt, ends_at: endsAt, proposal_cutoff_at: cutoff, ...place },
  };
}

// The API names the series' fields and the cut-off differently from this form.
const formFieldFor: Record<string, keyof NewMeetingValues> = {
  first_starts_at: 'starts_at',
  duration_minutes: 'ends_at',
  proposal_cutoff_at: 'cutoff_hours',
};

/** The API's error, naming this form's field where the API named its own, so it shows next to it. */
export function inFormTerms(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  const message = err.message.replace(/'([a-z_]+)'/g, (quoted, name: string) => {
    const field = formFieldFor[name];
    return field ? `'${field}'` : quoted;
  });
  return new ApiError({
    status: err.status,
    code: err.code,
    message,
    requestId: err.requestId,
    retryAfterSeconds: err.retryAfterSeconds,
  });
}
