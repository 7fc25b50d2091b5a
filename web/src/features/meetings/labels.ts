// Words people read for the API's enums.
import type { MeetingRole, MeetingState, Triage } from './types';

export const meetingStateLabels: Record<MeetingState, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const meetingRoleLabels: Record<MeetingRole, string> = {
  organiser: 'Organiser',
  doctor: 'Doctor',
  nurse: 'Nurse',
  guest: 'Guest',
};

export const triageLabels: Record<Triage, string> = {
  full_discussion: 'Full discussion',
  standard_of_care: 'Standard of care',
};

/** ECOG performance status, 0–4, with the short description clinicians use. */
export const ecogLabels = [
  '0 – Fully active',
  '1 – Restricted in strenuous activity',
  '2 – Ambulatory, capable of self-care, unable to work',
  '3 – Limited self-care, in bed or chair over half the day',
  '4 – Completely disabled',
] as const;

export function attendedText(attended: boolean | null): string {
  if (attended === null) return 'Not recorded';
  return attended ? 'Present' : 'Absent';
}
