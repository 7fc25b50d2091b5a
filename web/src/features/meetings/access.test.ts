import { describe, expect, it } from 'vitest';
import { meetingAccess, meetingRoleOf } from './access';

describe('meetingAccess', () => {
  it('lets the organiser run the meeting whatever their clinic role', () => {
    const organiser = meetingAccess('practitioner', 'organiser');
    expect(organiser).toMatchObject({
      transition: true,
      manageParticipants: true,
      recordAttendance: true,
      review: true,
      decide: true,
      propose: true,
      readAgenda: true,
      readDecisions: true,
      proposesLate: true,
      guestView: false,
    });
  });

  it('lets a practitioner who is not in the meeting propose and read, but not review or decide', () => {
    expect(meetingAccess('practitioner', null)).toMatchObject({
      propose: true,
      readAgenda: true,
      readDecisions: true,
      review: false,
      decide: false,
      transition: false,
      proposesLate: false,
    });
  });

  it('gives the clinic owner every action', () => {
    const owner = meetingAccess('owner', null);
    expect(owner.transition && owner.review && owner.decide && owner.proposesLate).toBe(true);
  });

  it('lets front desk manage participants but not see the agenda', () => {
    expect(meetingAccess('front_desk', null)).toMatchObject({
      manageParticipants: true,
      readAgenda: false,
      propose: false,
    });
  });

  it('shows a guest the approved agenda and nothing else', () => {
    const guest = meetingAccess('guest', 'guest');
    expect(guest.guestView).toBe(true);
    expect(guest.readAgenda).toBe(true);
    const others = [
      'transition',
      'manageParticipants',
      'recordAttendance',
      'propose',
      'review',
      'decide',
      'readDecisions',
    ] as const;
    expect(others.filter((action) => guest[action])).toEqual([]);
  });

  it('does not treat a clinician invited as a guest as a guest', () => {
    expect(meetingAccess('nurse', 'guest')).toMatchObject({ guestView: false, propose: true, readDecisions: true });
  });
});

describe('meetingRoleOf', () => {
  it('finds the person among the participants', () => {
    const meeting = {
      participants: [{ user_id: 'u1', display_name: 'A', meeting_role: 'nurse' as const, attended: null }],
    };
    expect(meetingRoleOf(meeting, 'u1')).toBe('nurse');
    expect(meetingRoleOf(meeting, 'u2')).toBeNull();
    expect(meetingRoleOf({ participants: [] }, 'u1')).toBeNull();
  });

  it('takes a meeting read without participants as the guest view the server gives guests', () => {
    expect(meetingRoleOf({}, 'u1')).toBe('guest');
  });
});
