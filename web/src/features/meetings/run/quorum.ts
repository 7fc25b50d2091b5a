// Whether the people marked present make a quorum: each core role needs a present participant of its own
// (the server's rule; it records the quorum with each decision).
import type { CoreRole, Participant } from '../types';

export interface Quorum {
  quorate: boolean;
  /** Core roles still without a present participant, one entry per missing person. */
  missing: CoreRole[];
}

export function quorumOf(
  coreRoles: readonly CoreRole[],
  participants: readonly Participant[],
  present: ReadonlySet<string>,
): Quorum {
  const available = new Map<string, number>();
  for (const participant of participants) {
    if (!present.has(participant.user_id)) continue;
    available.set(participant.meeting_role, (available.get(participant.meeting_role) ?? 0) + 1);
  }
  const missing: CoreRole[] = [];
  for (const role of coreRoles) {
    const left = available.get(role) ?? 0;
    if (left > 0) available.set(role, left - 1);
    else missing.push(role);
  }
  return { quorate: missing.length === 0, missing };
}
