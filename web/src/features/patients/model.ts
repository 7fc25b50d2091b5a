// The patient record as the API returns it, and how its values read to people.
import type { components, operations } from '../../api/schema';

export type Patient = components['schemas']['Patient'];
export type PatientFields = components['schemas']['PatientFields'];
export type Identifier = components['schemas']['Identifier'];
export type PatientStatus = Patient['status'];
export type HistoryItem =
  operations['patientHistory']['responses'][200]['content']['application/json']['items'][number];
export type HistoryDecision = NonNullable<HistoryItem['decision']>;

export const sexLabels: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  other: 'Other',
  unknown: 'Not known',
};

export const statusLabels: Record<PatientStatus, string> = {
  active: 'Active',
  inactive: 'Inactive',
  deceased: 'Deceased',
  merged: 'Merged',
};

const calendarDate = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

/** "14 Mar 1961" for a YYYY-MM-DD date, whatever the browser's time zone; the text itself if it is no date. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoDate : calendarDate.format(date);
}

/** Whole years of age on `today` for a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, today: Date): number {
  const [year = 0, month = 1, day = 1] = birthDate.split('-').map(Number);
  const birthdayPassed = today.getMonth() + 1 > month || (today.getMonth() + 1 === month && today.getDate() >= day);
  return today.getFullYear() - year - (birthdayPassed ? 0 : 1);
}

/** "14 Mar 1961 (64 years)". */
export function formatBirthDate(birthDate: string, today = new Date()): string {
  return `${formatDate(birthDate)} (${ageOn(birthDate, today)} years)`;
}
