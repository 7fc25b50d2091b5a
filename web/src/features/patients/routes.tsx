import { forRoles, type Feature } from '../../app/feature';
import { rolesThatMay } from './access';
import { NewPlanPage } from './plans/NewPlanPage';
import { PlanPage } from './plans/PlanPage';
import { PlanVersionPage } from './plans/PlanVersionPage';
import { PatientPage } from './record/PatientPage';
import { RegisterPatientPage } from './register/RegisterPatientPage';
import { PatientSearchPage } from './search/PatientSearchPage';

// Plans sit under their patient; their pages are for clinical roles only, so the front desk typing such an
// address gets "Not available" and nothing is fetched.
export const patientsFeature: Feature = {
  nav: [{ to: '/patients', label: 'Patients', roles: rolesThatMay('readPatients') }],
  routes: [
    forRoles(rolesThatMay('readPatients'), [
      { path: 'patients', element: <PatientSearchPage /> },
      { path: 'patients/:patientId', element: <PatientPage /> },
    ]),
    forRoles(rolesThatMay('editPatients'), [{ path: 'patients/new', element: <RegisterPatientPage /> }]),
    forRoles(rolesThatMay('writePlans'), [{ path: 'patients/:patientId/plans/new', element: <NewPlanPage /> }]),
    forRoles(rolesThatMay('readClinical'), [
      { path: 'patients/:patientId/plans/:planId', element: <PlanPage /> },
      { path: 'patients/:patientId/plans/:planId/versions/:version', element: <PlanVersionPage /> },
    ]),
  ],
};
