import { useState } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import { apiErrorMessage } from '../../../api/errors';
import { useSession } from '../../../auth/auth-context';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { Section } from '../../../components/Section';
import { StatusMessage } from '../../../components/StatusMessage';
import { useApiData } from '../../../components/useApiData';
import { useDirectory } from '../../directory/useDirectory';
import { may } from '../access';
import { useNow } from '../shared/useNow';
import { AddendaSection } from './AddendaSection';
import { DecisionLink } from './DecisionLink';
import { EditPlanForm } from './EditPlanForm';
import { EditWindowNotice } from './EditWindowNotice';
import { PatientContext } from './PatientContext';
import { PlanActions } from './PlanActions';
import { PlanContent } from './PlanContent';
import { PlanDetails } from './PlanDetails';
import { VersionsSection } from './VersionsSection';
import { readPlan } from './api';
import { planEditing } from './edit-window';
import type { Plan } from './plan-model';
import './plans.css';

/** One treatment plan: its content, state changes, edit window, addenda and versions. */
export function PlanPage() {
  const { patientId = '', planId = '' } = useParams();
  const location = useLocation();
  const session = useSession();
  const directory = useDirectory();
  const [now, refreshNow] = useNow();
  const plan = useApiData((signal) => readPlan(planId, signal), [planId]);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string | null>((location.state as { status?: string } | null)?.status ?? null);
  const writesPlans = may(session.role, 'writePlans');

  function changed(next: Plan, message: string) {
    refreshNow();
    plan.setData(() => next);
    setStatus(message);
  }

  const current = plan.data;
  const access = current && planEditing(current, { userId: session.user.id, writesPlans }, now);
  return (
    <>
      <PageHeading title="Treatment plan" />
      <PatientContext patientId={patientId} />
      <StatusMessage message={status} />
      <FormError message={plan.error ? apiErrorMessage(plan.error) : null} />
      {current === undefined || access === undefined ? (
        plan.loading && <Loading label="Loading the plan…" />
      ) : (
        <>
          <Section title="Plan">
            <PlanDetails plan={current} directory={directory}>
              {current.decision_item_id && (
                <>
                  <dt>Follows the decision of</dt>
                  <dd>
                    <DecisionLink patientId={patientId} itemId={current.decision_item_id} />
                  </dd>
                </>
              )}
            </PlanDetails>
            <EditWindowNotice plan={current} editing={access} directory={directory} />
            {editing ? (
              <EditPlanForm
                plan={current}
                directory={directory}
                onSaved={(saved, wasChanged) => {
                  setEditing(false);
                  changed(
                    saved,
                    wasChanged
                      ? `Saved version ${saved.version} of the plan.`
                      : 'Nothing had changed, so nothing was saved.',
                  );
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <>
                <PlanActions
                  plan={current}
                  canMove={writesPlans}
                  canEdit={access.kind !== 'read_only' && access.canEdit}
                  onEdit={() => {
                    setStatus(null);
                    setEditing(true);
                  }}
                  onMoved={changed}
                  onStale={plan.reload}
                />
                <PlanContent plan={current} />
              </>
            )}
          </Section>
          <AddendaSection
            plan={current}
            canAdd={access.kind === 'read_only' && access.canAddend}
            directory={directory}
            onAdded={(added) => changed(added, 'Added the addendum.')}
          />
          <VersionsSection plan={current} directory={directory} />
        </>
      )}
    </>
  );
}
