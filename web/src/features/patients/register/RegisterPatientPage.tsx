import { useNavigate } from 'react-router-dom';
import { api, call } from '../../../api/client';
import { Button } from '../../../components/Button';
import { ButtonLink } from '../../../components/ButtonLink';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { IdentifiersEditor } from '../record/IdentifiersEditor';
import { PatientFieldInputs } from '../record/PatientFieldInputs';
import { duplicateError, emptyPatientValues, identifierRules, newPatientBody } from '../record/patient-draft';
import { useRowsForm } from '../shared/useRowsForm';

export function RegisterPatientPage() {
  const navigate = useNavigate();
  const form = useRowsForm({
    initialValues: emptyPatientValues,
    initialRows: [],
    rules: identifierRules,
    validate(values) {
      const missing: Partial<Record<keyof typeof values, string>> = {};
      if (!values.mrn.trim()) missing.mrn = 'Enter the MRN.';
      if (!values.family_name.trim()) missing.family_name = 'Enter the family name.';
      if (!values.birth_date) missing.birth_date = 'Enter the date of birth.';
      return missing;
    },
    async onSubmit(values, identifiers) {
      const body = newPatientBody(values, identifiers);
      const created = await call(api.POST('/api/v1/patients', { body })).catch((err: unknown) => {
        throw duplicateError(err, body);
      });
      navigate(`/patients/${created.id}`, { state: { status: 'Registered the patient.' } });
    },
  });

  return (
    <>
      <PageHeading title="Register a patient" />
      <form onSubmit={form.handleSubmit} noValidate aria-label="Register a patient">
        <FormError message={form.formError} />
        <PatientFieldInputs field={form.field} withStatus={false} />
        <IdentifiersEditor identifiers={form.rows} onChange={form.setRows} error={form.rowsError} />
        <div className="patient-form__actions">
          <Button type="submit" variant="primary" busy={form.submitting}>
            Register
          </Button>
          <ButtonLink to="/patients">Cancel</ButtonLink>
        </div>
      </form>
    </>
  );
}
