// What rotation has still to do, in words.
import type { KeyStatus } from './api';

/** How often the page asks again while keys are being re-wrapped. */
export const kPollMs = 3000;

export function rewrapPending(status: Pick<KeyStatus, 'rewrap_pending'>): boolean {
  return status.rewrap_pending.patient_keys > 0 || status.rewrap_pending.clinic_keys > 0;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "All keys are under the current version", or "Re-wrapping: 12 patient keys left". */
export function rewrapText(status: Pick<KeyStatus, 'rewrap_pending'>): string {
  const { patient_keys: patientKeys, clinic_keys: clinicKeys } = status.rewrap_pending;
  if (patientKeys <= 0 && clinicKeys <= 0) return 'All keys are under the current version';
  const left = [
    patientKeys > 0 ? count(patientKeys, 'patient key', 'patient keys') : null,
    clinicKeys > 0 ? count(clinicKeys, 'clinic key version', 'clinic key versions') : null,
  ].filter(Boolean);
  return `Re-wrapping: ${left.join(' and ')} left`;
}
