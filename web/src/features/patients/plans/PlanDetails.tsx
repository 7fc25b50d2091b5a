import type { ReactNode } from 'react';
import { formatDateTime } from '../../../lib/format';
import type { Directory } from '../../directory/useDirectory';
import { describeDates, planStateLabels, type PlanVersion } from './plan-model';

interface PlanDetailsProps {
  plan: PlanVersion;
  directory: Directory;
  /** More rows, e.g. the decision the plan follows. */
  children?: ReactNode;
}

/** State, version, responsible clinician, dates and the last change of a plan (or of one of its versions). */
export function PlanDetails({ plan, directory, children }: PlanDetailsProps) {
  return (
    <dl className="plan-details">
      <dt>State</dt>
      <dd>
        <span className={`plan-state plan-state--${plan.state}`}>{planStateLabels[plan.state]}</span>
      </dd>
      <dt>Version</dt>
      <dd>{plan.version}</dd>
      <dt>Responsible clinician</dt>
      <dd>{directory.nameOf(plan.responsible_clinician_id)}</dd>
      <dt>Dates</dt>
      <dd>{describeDates(plan)}</dd>
      <dt>Last changed</dt>
      <dd>
        {formatDateTime(plan.changed_at)} by {directory.nameOf(plan.changed_by)}
      </dd>
      {children}
    </dl>
  );
}
