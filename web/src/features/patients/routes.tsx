import { forRoles, type Feature } from '../../app/feature';
import type { ClinicRole } from '../../auth/session';
import { ComingSoon } from '../../components/ComingSoon';

const patientRoles: readonly ClinicRole[] = ['owner', 'practitioner', 'nurse', 'front_desk', 'read_only'];

export const patientsFeature: Feature = {
  nav: [{ to: '/patients', label: 'Patients', roles: patientRoles }],
  routes: [
    forRoles(patientRoles, [
      { path: 'patients', element: <ComingSoon title="Patients" /> },
      { path: 'patients/:patientId', element: <ComingSoon title="Patient" /> },
    ]),
  ],
};
