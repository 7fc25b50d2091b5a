import { Link } from 'react-router-dom';
import { apiErrorMessage } from '../../../api/errors';
import { useSession } from '../../../auth/auth-context';
import { ButtonLink } from '../../../components/ButtonLink';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useApiData } from '../../../components/useApiData';
import { formatDateTime } from '../../../lib/format';
import type { Directory } from '../../directory/useDirectory';
import { may } from '../access';
import { readPlans } from './api';
import { planStateLabels, planTitle } from './plan-model';
import './plans.css';

interface PlansSectionProps {
  patientId: string;
  /** A merged record takes no new plans: they belong on the surviving record. */
  canAdd: boolean;
  directory: Directory;
}

/** The patient's treatment plans, newest first. */
export function PlansSection({ patientId, canAdd, directory }: PlansSectionProps) {
  const { role } = useSession();
  const plans = useApiData((signal) => readPlans(patientId, signal), [patientId]);
  const mayCreate = canAdd && may(role, 'writePlans');

  return (
    <Section title="Treatment plans">
      <FormError message={plans.error ? apiErrorMessage(plans.error) : null} />
      {plans.data === undefined ? (
        plans.loading && <Loading label="Loading the treatment plans…" />
      ) : plans.data.length === 0 ? (
        <EmptyState title="No treatment plans yet" />
      ) : (
        <table className="plan-list">
          <caption className="visually-hidden">Treatment plans, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">State</th>
              <th scope="col">Responsible clinician</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {plans.data.map((plan) => (
              <tr key={plan.id}>
                <th scope="row">
                  <Link to={`/patients/${patientId}/plans/${plan.id}`}>{planTitle(plan.goals)}</Link>
                </th>
                <td>
                  <span className={`plan-state plan-state--${plan.state}`}>{planStateLabels[plan.state]}</span>
                </td>
                <td>{directory.nameOf(plan.responsible_clinician_id)}</td>
                <td>
                  {formatDateTime(plan.changed_at)} (version {plan.version})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayCreate && (
        <p className="plan-list__new">
          <ButtonLink to={`/patients/${patientId}/plans/new`}>New treatment plan</ButtonLink>
        </p>
      )}
    </Section>
  );
}
