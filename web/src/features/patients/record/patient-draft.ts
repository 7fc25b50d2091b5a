// The patient form's values, and how they map to the record and to the API's fields.
import { ApiError } from '../../../api/errors';
import { FormSubmitError } from '../../../components/form-errors';
import { sexLabels, statusLabels, type Identifier, type Patient, type PatientFields } from '../model';
import { showText, type FieldSpec } from '../shared/three-way';
import type { RowsRules } from '../shared/useRowsForm';

export type PatientValues = {
  mrn: string;
  family_name: string;
  given_name: string;
  birth_date: string;
  sex: string;
  status: string;
  phone: string;
  email: string;
  address: string;
};

/** Everything the edit form changes: its inputs and the list of identifiers. */
export type PatientDraft = PatientValues & { identifiers: Identifier[] };

export const emptyPatientValues: PatientValues = {
  mrn: '',
  family_name: '',
  given_name: '',
  birth_date: '',
  sex: 'unknown',
  status: 'active',
  phone: '',
  email: '',
  address: '',
};

export function patientValues(patient: Patient): PatientValues {
  return {
    mrn: patient.mrn,
    family_name: patient.family_name,
    given_name: patient.given_name,
    birth_date: patient.birth_date,
    sex: patient.sex,
    status: patient.status,
    phone: patient.phone ?? '',
    email: patient.email ?? '',
    address: patient.address ?? '',
  };
}

export function patientDraft(patient: Patient): PatientDraft {
  return {
    ...patientValues(patient),
    identifiers: patient.identifiers.map(({ system, value }) => ({ system, value })),
  };
}

/** A patient's values for the form's fields, and their identifiers. */
export function patientFormParts(patient: Patient): [PatientValues, Identifier[]] {
  const { identifiers, ...values } = patientDraft(patient);
  return [values, identifiers];
}

/** "system: value; system: value", or "(none)". */
export function showIdentifiers(identifiers: Identifier[]): string {
  return identifiers.length === 0 ? '(none)' : identifiers.map(({ system, value }) => `${system}: ${value}`).join('; ');
}

export const patientFieldSpecs: FieldSpec<PatientDraft>[] = [
  { name: 'mrn', label: 'MRN', show: showText },
  { name: 'family_name', label: 'Family name', show: showText },
  { name: 'given_name', label: 'Given name', show: showText },
  { name: 'birth_date', label: 'Date of birth', show: showText },
  { name: 'sex', label: 'Sex', show: (sex) => sexLabels[sex as string] ?? String(sex) },
  { name: 'status', label: 'Status', show: (status) => statusLabels[status as Patient['status']] ?? String(status) },
  { name: 'phone', label: 'Phone', show: showText },
  { name: 'email', label: 'Email', show: showText },
  { name: 'address', label: 'Address', show: showText },
  { name: 'identifiers', label: 'Other identifiers', show: (list) => showIdentifiers(list as Identifier[]) },
];

/** Identifiers with surrounding spaces trimmed and fully blank rows dropped. */
export function cleanIdentifiers(identifiers: Identifier[]): Identifier[] {
  return identifiers
    .map(({ system, value }) => ({ system: system.trim(), value: value.trim() }))
    .filter(({ system, value }) => system !== '' || value !== '');
}

/** What is wrong with a list of identifiers before the server sees it, or null. */
export function identifiersProblem(identifiers: Identifier[]): string | null {
  if (identifiers.some(({ system, value }) => system === '' || value === '')) {
    return 'Each identifier needs both a system and a value.';
  }
  const keys = identifiers.map(({ system, value }) => `${system}|${value}`);
  if (new Set(keys).size !== keys.length) return 'An identifier is listed twice.';
  return null;
}

export const identifierRules: RowsRules<'identifiers', Identifier> = {
  name: 'identifiers',
  clean: cleanIdentifiers,
  problem: identifiersProblem,
};

/** The fields for registering a patient: what was filled in. */
export function newPatientBody(values: PatientValues, identifiers: Identifier[]): PatientFields {
  const { status: _status, ...fields } = values;
  const body: PatientFields = { ...fields, sex: fields.sex as PatientFields['sex'] };
  if (identifiers.length > 0) body.identifiers = identifiers;
  return body;
}

/**
 * A save that clashed with another patient's MRN or identifier (409) does not say which: the error points at
 * what this save sent that could clash. Any other error is returned as it is.
 */
export function duplicateError(err: unknown, sent: Pick<PatientFields, 'mrn' | 'identifiers'>): unknown {
  if (!(err instanceof ApiError) || err.code !== 'conflict' || !/already exists/.test(err.message)) return err;
  const sentMrn = sent.mrn !== undefined;
  const sentIdentifiers = (sent.identifiers ?? []).length > 0;
  if (sentMrn && !sentIdentifiers) return new FormSubmitError('Another patient in this clinic has this MRN.', 'mrn');
  if (sentIdentifiers && !sentMrn) {
    return new FormSubmitError('Another patient in this clinic has one of these identifiers.', 'identifiers');
  }
  return new FormSubmitError('Another patient in this clinic has this MRN or one of these identifiers.');
}
