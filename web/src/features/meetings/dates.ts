// Calendar maths and date formatting for meetings, in the browser's own time zone. Weeks start on Monday.
const kDaysPerWeek = 7;

/** Local midnight of the Monday of the week that contains `date`. */
export function startOfWeek(date: Date): Date {
  const monday = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  const daysSinceMonday = (monday.getDay() + 6) % kDaysPerWeek;
  monday.setDate(monday.getDate() - daysSinceMonday);
  return monday;
}

/** The same local time `days` calendar days later (a day may be 23 or 25 hours long). */
export function addDays(date: Date, days: number): Date {
  const later = new Date(date);
  later.setDate(later.getDate() + days);
  return later;
}

export function weekDays(weekStart: Date): Date[] {
  return Array.from({ length: kDaysPerWeek }, (_, i) => addDays(weekStart, i));
}

/** The API query for one week: from its Monday midnight up to the next one. */
export function weekRange(weekStart: Date): { from: string; to: string } {
  return { from: weekStart.toISOString(), to: addDays(weekStart, kDaysPerWeek).toISOString() };
}

export function sameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A YYYY-MM-DD date as local midnight, or null when it is not a real date. */
export function parseLocalIsoDate(text: string | null): Date | null {
  const match = text?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(year, month, day);
  return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day ? date : null;
}

/** Each meeting under the day of the week it starts on (local time), in start order. */
export function meetingsByDay<M extends { starts_at: string }>(meetings: M[], weekStart: Date): M[][] {
  const days = weekDays(weekStart);
  const sorted = [...meetings].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  return days.map((day) => sorted.filter((meeting) => sameLocalDay(new Date(meeting.starts_at), day)));
}

/** A datetime-local input's value ("2031-03-10T09:00", local time) as an RFC 3339 instant. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function minutesBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
}

/** The browser's IANA time zone, e.g. "Europe/London": what every time on these pages is shown in. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function format(iso: string | Date, options: Intl.DateTimeFormatOptions, timeZone?: string): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(date);
}

/** "09:30" */
export function formatTime(iso: string, timeZone?: string): string {
  return format(iso, { hour: '2-digit', minute: '2-digit' }, timeZone);
}

/** "Tuesday 25 November 2025" */
export function formatLongDate(iso: string | Date, timeZone?: string): string {
  return format(iso, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }, timeZone);
}

/** "Tue 25 Nov" */
export function formatShortDay(date: Date, timeZone?: string): string {
  return format(date, { weekday: 'short', day: 'numeric', month: 'short' }, timeZone);
}

/** "25 Nov 2025, 09:30" */
export function formatDateTime(iso: string, timeZone?: string): string {
  return format(iso, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }, timeZone);
}

/** "24 – 30 November 2025", or across months "29 December 2025 – 4 January 2026". */
export function formatWeek(weekStart: Date): string {
  const end = addDays(weekStart, kDaysPerWeek - 1);
  const full: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
  if (weekStart.getFullYear() !== end.getFullYear()) return `${format(weekStart, full)} – ${format(end, full)}`;
  if (weekStart.getMonth() !== end.getMonth()) {
    return `${format(weekStart, { day: 'numeric', month: 'long' })} – ${format(end, full)}`;
  }
  return `${weekStart.getDate()} – ${format(end, full)}`;
}

const rfc3339Instant = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/** Server text with its UTC instants ("closed at 2026-11-25T15:10:57Z") written as local dates and times. */
export function localiseTimesIn(text: string, timeZone?: string): string {
  return text.replace(rfc3339Instant, (instant) => formatDateTime(instant, timeZone));
}
