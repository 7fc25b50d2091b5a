import { forRoles, lazyPage, type Feature } from '../../app/feature';
import type { ClinicRole } from '../../auth/session';
import { MeetingsPage } from './list/MeetingsPage';

/** Clinic roles with meeting.list (docs/permissions.md). */
const meetingRoles: readonly ClinicRole[] = ['owner', 'practitioner', 'nurse', 'front_desk', 'read_only', 'guest'];

// The meetings list is where most people land, so it is in the first bundle; the rest loads when opened.
export const meetingsFeature: Feature = {
  nav: [{ to: '/meetings', label: 'Meetings', roles: meetingRoles }],
  routes: [
    forRoles(meetingRoles, [
      { path: 'meetings', element: <MeetingsPage /> },
      // What each person may do in a meeting depends on their role in it, too; the pages ask the API.
      { path: 'meetings/:meetingId', lazy: lazyPage(() => import('./meeting/MeetingPage'), 'MeetingPage') },
      { path: 'meetings/:meetingId/run', lazy: lazyPage(() => import('./run/RunMeetingPage'), 'RunMeetingPage') },
    ]),
  ],
};
