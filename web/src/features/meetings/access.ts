// What the signed-in person may do in one meeting: their clinic role or their role in that meeting allows
// it, as in docs/permissions.md. The server decides every call again; this only decides what to offer.
import type { ClinicRole } from '../../auth/session';
import type { Meeting, MeetingRole } from './types';

type MeetingAction =
  | 'transition'
  | 'manageParticipants'
  | 'recordAttendance'
  | 'propose'
  | 'readAgenda'
  | 'review'
  | 'decide'
  | 'readDecisions';

const allowedBy: Record<MeetingAction, { clinic: readonly ClinicRole[]; meeting: readonly MeetingRole[] }> = {
  transition: { clinic: ['owner'], meeting: ['organiser'] },
  manageParticipants: { clinic: ['owner', 'front_desk'], meeting: ['organiser'] },
  recordAttendance: { clinic: ['owner'], meeting: ['organiser'] },
  propose: { clinic: ['owner', 'practitioner', 'nurse'], meeting: ['organiser', 'doctor', 'nurse'] },
  readAgenda: {
    clinic: ['owner', 'practitioner', 'nurse', 'read_only'],
    meeting: ['organiser', 'doctor', 'nurse', 'guest'],
  },
  review: { clinic: ['owner'], meeting: ['organiser'] },
  decide: { clinic: ['owner'], meeting: ['organiser'] },
  readDecisions: { clinic: ['owner', 'practitioner', 'nurse', 'read_only'], meeting: ['organiser', 'doctor', 'nurse'] },
};

export type MeetingAccess = Record<MeetingAction, boolean> & {
  meetingRole: MeetingRole | null;
  /** Let in only as the meeting's guest: the approved agenda and its summaries, nothing else. */
  guestView: boolean;
  /** May propose after the cut-off (the API marks such items late). */
  proposesLate: boolean;
};

export function meetingRoleOf(meeting: Pick<Meeting, 'participants'>, userId: string): MeetingRole | null {
  // A meeting read leaves the participants out only for someone let in as the meeting's guest.
  if (meeting.participants === undefined) return 'guest';
  return meeting.participants.find((participant) => participant.user_id === userId)?.meeting_role ?? null;
}

export function meetingAccess(clinicRole: ClinicRole, meetingRole: MeetingRole | null): MeetingAccess {
  const guestView = meetingRole === 'guest' && !allowedBy.readAgenda.clinic.includes(clinicRole);
  const may = (action: MeetingAction) => {
    const rule = allowedBy[action];
    if (rule.clinic.includes(clinicRole)) return true;
    return meetingRole !== null && rule.meeting.includes(meetingRole) && (!guestView || action === 'readAgenda');
  };
  return {
    meetingRole,
    guestView,
    proposesLate: clinicRole === 'owner' || meetingRole === 'organiser',
    transition: may('transition'),
    manageParticipants: may('manageParticipants'),
    recordAttendance: may('recordAttendance'),
    propose: may('propose'),
    readAgenda: may('readAgenda'),
    review: may('review'),
    decide: may('decide'),
    readDecisions: may('readDecisions'),
  };
}
