import { Link, useParams } from 'react-router-dom';
import { apiErrorMessage } from '../../../api/errors';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { Section } from '../../../components/Section';
import { useApiData } from '../../../components/useApiData';
import { useDirectory } from '../../directory/useDirectory';
import { PatientContext } from './PatientContext';
import { PlanContent } from './PlanContent';
import { PlanDetails } from './PlanDetails';
import { readVersion } from './api';
import './plans.css';

/** One earlier (or the current) version of a plan, read-only. */
export function PlanVersionPage() {
  const { patientId = '', planId = '', version = '' } = useParams();
  const number = Number(version);
  const directory = useDirectory();
  const plan = useApiData((signal) => readVersion(planId, number, signal), [planId, number]);
  const planPath = `/patients/${patientId}/plans/${planId}`;

  return (
    <>
      <PageHeading title={`Treatment plan, version ${version}`} />
      <PatientContext patientId={patientId} />
      <p>
        This is a version kept for the record. <Link to={planPath}>Go to the current version of the plan</Link>.
      </p>
      <FormError message={plan.error ? apiErrorMessage(plan.error) : null} />
      {plan.data === undefined ? (
        plan.loading && <Loading label="Loading the version…" />
      ) : (
        <Section title={`Version ${plan.data.version}`}>
          <PlanDetails plan={plan.data} directory={directory} />
          <PlanContent plan={plan.data} />
        </Section>
      )}
    </>
  );
}
