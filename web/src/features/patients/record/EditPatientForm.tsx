import { useState } from 'react';
import { api, call } from '../../../api/client';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import type { Patient, PatientFields } from '../model';
import { ConflictNotice, type Choice } from '../shared/ConflictNotice';
import { changedFields } from '../shared/three-way';
import { ifMatch, isStale, staleSaveError, useConflict } from '../shared/useConflict';
import { useRowsForm } from '../shared/useRowsForm';
import { IdentifiersEditor } from './IdentifiersEditor';
import { PatientFieldInputs } from './PatientFieldInputs';
import {
  duplicateError,
  identifierRules,
  patientDraft,
  patientFieldSpecs,
  splitDraft,
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

/**
 * Changes a patient's record with If-Match. When someone else saved first (412) it reads the record again,
 * shows what they changed next to what was typed, and saves on top of their version once the person has chosen.
 */
export function EditPatientForm({ patient, onSaved, onCancel }: EditPatientFormProps) {
  const [base, setBase] = useState(patient);
  const [values, identifiers] = splitDraft(patientDraft(patient));
  const conflict = useConflict<PatientDraft>(patientFieldSpecs);

  const form = useRowsForm({
    initialValues: values,
    initialRows: identifiers,
    rules: identifierRules,
    async onSubmit(current, cleaned) {
      const yours: PatientDraft = { ...current, identifiers: cleaned };
      const changes = changedFields(patientDraft(base), yours);
      if (Object.keys(changes).length === 0) return onSaved(base, false);
      try {
        const saved = await call(
          api.PATCH('/api/v1/patients/{id}', {
            params: { path: { id: base.id }, header: { 'If-Match': ifMatch(base.version) } },
            body: changes as PatientFields,
          }),
        );
        onSaved(saved, true);
      } catch (err) {
        if (!isStale(err)) throw duplicateError(err, changes);
        const latest = await readPatient(base.id);
        form.resetAll(...splitDraft(conflict.found(patientDraft(base), patientDraft(latest), yours)));
        setBase(latest);
        throw staleSaveError();
      }
    },
  });

  function choose(name: keyof PatientDraft, choice: Choice) {
    const value = conflict.choose(name, choice);
    if (value !== undefined) form.setPart(name, value);
  }

  return (
    <form onSubmit={form.handleSubmit} noValidate aria-label="Edit the patient's details">
      <FormError message={form.formError} />
      {conflict.conflict && (
        <ConflictNotice
          changes={conflict.conflict.changes}
          choices={conflict.choices}
          onChoose={(name, choice) => choose(name as keyof PatientDraft, choice)}
        />
      )}
      <PatientFieldInputs field={form.field} withStatus />
      <IdentifiersEditor identifiers={form.rows} onChange={form.setRows} error={form.rowsError} />
      <div className="patient-form__actions">
        <Button type="submit" variant="primary" busy={form.submitting}>
          {conflict.conflict ? 'Save again' : 'Save changes'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
