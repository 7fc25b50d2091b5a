import { useCallback } from 'react';
import { useSession } from '../../auth/auth-context';
import { useApiData } from '../../components/useApiData';
import { meetingAccess, meetingRoleOf } from './access';
import { getMeeting } from './meetings-api';
import type { Meeting } from './types';

/** One meeting, and what the signed-in person may do in it. */
export function useMeeting(meetingId: string) {
  const session = useSession();
  const { data: meeting, error, reload, setData } = useApiData((signal) => getMeeting(meetingId, signal), [meetingId]);
  const setMeeting = useCallback((next: Meeting) => setData(() => next), [setData]);
  const access = meetingAccess(session.role, meeting ? meetingRoleOf(meeting, session.user.id) : null);
  return { meeting, error, reload, setMeeting, access };
}
