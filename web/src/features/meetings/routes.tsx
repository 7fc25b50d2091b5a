import { forRoles, type Feature } from '../../app/feature';
import type { ClinicRole } from '../../auth/session';
import { MeetingsPage } from './list/MeetingsPage';
import { MeetingPage } from './meeting/MeetingPage';
import { RunMeetingPage } from './run/RunMeetingPage';

/** Clinic roles with meeting.list (docs/permissions.md). */
const meetingRoles: readonly ClinicRole[] = ['owner', 'practitioner', 'nurse', 'front_desk', 'read_only', 'guest'];

export const meetingsFeature: Feature = {
  nav: [{ to: '/meetings', label: 'Meetings', roles: meetingRoles }],
  routes: [
    forRoles(meetingRoles, [
      { path: 'meetings', element: <MeetingsPage /> },
      // What each person may do in a meeting depends on their role in it, too; the pages ask the API.
      { path: 'meetings/:meetingId', element: <MeetingPage /> },
      { path: 'meetings/:meetingId/run', element: <RunMeetingPage /> },
    ]),
  ],
};
