import { forRoles, type Feature } from '../../app/feature';
import type { ClinicRole } from '../../auth/session';
import { ComingSoon } from '../../components/ComingSoon';

const meetingRoles: readonly ClinicRole[] = ['owner', 'practitioner', 'nurse', 'front_desk', 'read_only', 'guest'];

export const meetingsFeature: Feature = {
  nav: [{ to: '/meetings', label: 'Meetings', roles: meetingRoles }],
  routes: [
    forRoles(meetingRoles, [
      { path: 'meetings', element: <ComingSoon title="Meetings" /> },
      { path: 'meetings/:meetingId', element: <ComingSoon title="Meeting" /> },
      { path: 'meetings/:meetingId/run', element: <ComingSoon title="Run the meeting" /> },
    ]),
  ],
};
