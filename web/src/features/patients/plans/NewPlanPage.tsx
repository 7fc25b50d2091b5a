import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, call } from '../../../api/client';
import { useSession } from '../../../auth/auth-context';
import { Button } from '../../../components/Button';
import { ButtonLink } from '../../../components/ButtonLink';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { useApiData } from '../../../components/useApiData';
import { formatDateTime } from '../../../lib/format';
import { describeOutcome } from '../../decisions/labels';
import { useDirectory } from '../../directory/useDirectory';
import { readHistory } from '../history/HistorySection';
import { useRowsForm } from '../shared/useRowsForm';
import { PatientContext } from './PatientContext';
import { PlanFieldInputs } from './PlanFieldInputs';
import { newPlanFields, planValuesProblems, stepRules } from './plan-draft';

/** A new treatment plan (a draft), standalone or following one of the patient's meeting decisions. */
export function NewPlanPage() {
  const { patientId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const directory = useDirectory();
  const history = useApiData((signal) => readHistory(patientId, signal), [patientId]);
  const decided = (history.data ?? []).filter((item) => item.decision !== null);

  const form = useRowsForm({
    initialValues: {
      goals: '',
      start_date: '',
      end_date: '',
      responsible_clinician_id: session.user.id,
      decision_item_id: searchParams.get('decision') ?? '',
    },
    initialRows: [{ description: '', due_date: '' }],
    rules: stepRules,
    validate: planValuesProblems,
    async onSubmit({ decision_item_id, ...values }, steps) {
      const body = newPlanFields({ ...values, steps }, decision_item_id);
      const plan = await call(
        api.POST('/api/v1/patients/{patient_id}/plans', { params: { path: { patient_id: patientId } }, body }),
      );
      navigate(`/patients/${patientId}/plans/${plan.id}`, { state: { status: 'Created the plan as a draft.' } });
    },
  });

  return (
    <>
      <PageHeading title="New treatment plan" />
      <PatientContext patientId={patientId} />
      <form onSubmit={form.handleSubmit} noValidate aria-label="New treatment plan">
        <FormError message={form.formError} />
        <Field
          label="Follows the decision of"
          as="select"
          hint="Optional: a meeting decision about this patient that the plan carries out."
          {...form.field('decision_item_id')}
        >
          <option value="">No decision (a standalone plan)</option>
          {decided.map((item) => (
            <option key={item.item_id} value={item.item_id}>
              {item.meeting_title}, {formatDateTime(item.meeting_starts_at)}:{' '}
              {item.decision && describeOutcome(item.decision)}
            </option>
          ))}
        </Field>
        <PlanFieldInputs form={form} clinicians={directory.clinicians} />
        <div className="plan-form__actions">
          <Button type="submit" variant="primary" busy={form.submitting}>
            Create the plan
          </Button>
          <ButtonLink to={`/patients/${patientId}`}>Cancel</ButtonLink>
        </div>
      </form>
    </>
  );
}
