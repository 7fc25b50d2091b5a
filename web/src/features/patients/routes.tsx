import { forRoles, lazyPage, type Feature } from '../../app/feature';
import { rolesThatMay } from './access';

// Plans sit under their patient; their pages are for clinical roles only, so the front desk typing such an
// address gets "Not available" and nothing is fetched. Each page's code loads when it is first opened.
export const patientsFeature: Feature = {
  nav: [{ to: '/patients', label: 'Patients', roles: rolesThatMay('readPatients') }],
  routes: [
    forRoles(rolesThatMay('readPatients'), [
      { path: 'patients', lazy: lazyPage(() => import('./search/PatientSearchPage'), 'PatientSearchPage') },
      { path: 'patients/:patientId', lazy: lazyPage(() => import('./record/PatientPage'), 'PatientPage') },
    ]),
    forRoles(rolesThatMay('editPatients'), [
      { path: 'patients/new', lazy: lazyPage(() => import('./register/RegisterPatientPage'), 'RegisterPatientPage') },
    ]),
    forRoles(rolesThatMay('writePlans'), [
      { path: 'patients/:patientId/plans/new', lazy: lazyPage(() => import('./plans/NewPlanPage'), 'NewPlanPage') },
    ]),
    forRoles(rolesThatMay('readClinical'), [
      { path: 'patients/:patientId/plans/:planId', lazy: lazyPage(() => import('./plans/PlanPage'), 'PlanPage') },
      {
        path: 'patients/:patientId/plans/:planId/versions/:version',
        lazy: lazyPage(() => import('./plans/PlanVersionPage'), 'PlanVersionPage'),
      },
    ]),
  ],
};
