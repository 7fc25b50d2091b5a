import { useState } from 'react';
import { ApiError, apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { FormSubmitError } from '../../../components/form-errors';
import { Section } from '../../../components/Section';
import { StatusMessage } from '../../../components/StatusMessage';
import { useApiForm } from '../../../components/useApiForm';
import { patientName } from '../../../lib/format';
import { formatDateTime, localiseTimesIn } from '../dates';
import { ecogLabels } from '../labels';
import { proposePatient } from '../meetings-api';
import type { Meeting, Patient } from '../types';
import { PatientPicker } from './PatientPicker';

const emptyProposal = {
  patient_id: '',
  clinical_question: '',
  summary: '',
  ecog: '',
  comorbidities: '',
  investigations: '',
};

interface ProposePatientFormProps {
  meeting: Meeting;
  /** The organiser (or the clinic's owner) may still propose after the cut-off. */
  proposesLate: boolean;
  onProposed(): void;
}

/** The referral proforma. A refusal (after the cut-off, say) shows by the button and keeps what was typed. */
export function ProposePatientForm({ meeting, proposesLate, onProposed }: ProposePatientFormProps) {
  const [chosen, setChosen] = useState<Patient | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const cutoffPassed = Date.parse(meeting.proposal_cutoff_at) <= Date.now();
  const form = useApiForm({
    initialValues: emptyProposal,
    validate(values) {
      const problems: Partial<Record<keyof typeof emptyProposal, string>> = {};
      if (!values.patient_id) problems.patient_id = 'Find and choose the patient.';
      if (!values.clinical_question.trim()) problems.clinical_question = 'Enter the question for the board.';
      if (!values.summary.trim()) problems.summary = 'Enter a summary of the case.';
      if (values.ecog === '') problems.ecog = 'Choose the performance status.';
      return problems;
    },
    async onSubmit(values) {
      setStatus(null);
      try {
        await proposePatient(meeting.id, {
          patient_id: values.patient_id,
          clinical_question: values.clinical_question.trim(),
          summary: values.summary.trim(),
          ecog: Number(values.ecog),
          ...(values.comorbidities.trim() && { comorbidities: values.comorbidities.trim() }),
          ...(values.investigations.trim() && { investigations: values.investigations.trim() }),
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'conflict') {
          throw new FormSubmitError(
            `The proposal was not sent. ${localiseTimesIn(apiErrorMessage(err))}. What you typed is kept.`,
          );
        }
        throw err;
      }
      setStatus(
        `${chosen ? patientName(chosen) : 'The patient'} was proposed. The organiser will review the proposal.`,
      );
      setChosen(null);
      form.reset();
      onProposed();
    },
  });

  return (
    <Section title="Propose a patient">
      <p className="propose__cutoff">
        {cutoffPassed
          ? proposesLate
            ? `Proposals closed on ${formatDateTime(meeting.proposal_cutoff_at)}. As the organiser you can still add a patient; it is marked late.`
            : `Proposals closed on ${formatDateTime(meeting.proposal_cutoff_at)}. Ask the organiser to add a patient now.`
          : `Proposals close on ${formatDateTime(meeting.proposal_cutoff_at)}.`}
      </p>
      <StatusMessage message={status} />
      <form onSubmit={form.handleSubmit} noValidate aria-label="Propose a patient">
        <PatientPicker
          chosen={chosen}
          error={form.errors.fields.patient_id}
          onChoose={(patient) => {
            setChosen(patient);
            form.setValue('patient_id', patient.id);
          }}
        />
        <Field
          label="Question for the board"
          as="textarea"
          maxLength={2000}
          required
          {...form.field('clinical_question')}
        />
        <Field
          label="Summary"
          as="textarea"
          maxLength={10000}
          hint="History, staging and what has been done so far."
          required
          {...form.field('summary')}
        />
        <Field label="Performance status (ECOG)" as="select" required {...form.field('ecog')}>
          <option value="">Choose…</option>
          {ecogLabels.map((label, score) => (
            <option key={label} value={String(score)}>
              {label}
            </option>
          ))}
        </Field>
        <Field label="Comorbidities" as="textarea" maxLength={4000} {...form.field('comorbidities')} />
        <Field
          label="Investigations"
          as="textarea"
          maxLength={4000}
          hint="Imaging, pathology and their dates."
          {...form.field('investigations')}
        />
        <FormError message={form.formError} />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={form.submitting}>
            Propose patient
          </Button>
        </div>
      </form>
    </Section>
  );
}
