import { api, call } from '../../../api/client';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import type { Patient, PatientFields } from '../model';
import { ConflictNotice } from '../shared/ConflictNotice';
import { ifMatch } from '../shared/useConflict';
import { useRecordEditForm } from '../shared/useRecordEditForm';
import { IdentifiersEditor } from './IdentifiersEditor';
import { PatientFieldInputs } from './PatientFieldInputs';
import {
  duplicateError,
  identifierRules,
  patientFieldSpecs,
  patientFormParts,
  type PatientDraft,
} from './patient-draft';

interface EditPatientFormProps {
  patient: Patient;
  /** The record as saved, or as it was when nothing changed. */
  onSaved(patient: Patient, changed: boolean): void;
  onCancel(): void;
}

export async function readPatient(id: string, signal?: AbortSignal): Promise<Patient> {
  return call(api.GET('/api/v1/patients/{id}', { params: { path: { id } }, signal }));
}

async function savePatient(base: Patient, changes: Partial<PatientDraft>): Promise<Patient> {
  const request = api.PATCH('/api/v1/patients/{id}', {
    params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } },
    body: changes as PatientFields,
  });
  return call(request).catch((err: unknown) => {
    throw duplicateError(err, changes);
  });
}

/**
 * Changes a patient's record with If-Match. When someone else saved first (412) it reads the record again,
 * shows what they changed next to what was typed, and saves on top of their version once the person has chosen.
 */
export function EditPatientForm({ patient, onSaved, onCancel }: EditPatientFormProps) {
  const form = useRecordEditForm({
    record: patient,
    formParts: patientFormParts,
    rules: identifierRules,
    fields: patientFieldSpecs,
    read: readPatient,
    save: savePatient,
    onSaved,
  });

  return (
    <form onSubmit={form.handleSubmit} noValidate aria-label="Edit the patient's details">
      <FormError message={form.formError} />
      {form.conflict && <ConflictNotice {...form.conflict} />}
      <PatientFieldInputs field={form.field} withStatus />
      <IdentifiersEditor identifiers={form.rows} onChange={form.setRows} error={form.rowsError} />
      <div className="patient-form__actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          {form.conflict ? 'Save again' : 'Save changes'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
