import { Field } from '../../../components/Field';
import { LabelOptions } from '../../../components/LabelOptions';
import type { CheckboxBinding, TextBinding } from '../../../components/useApiForm';
import { localIsoDate } from '../../../lib/format';
import { sexLabels, statusLabels } from '../model';
import type { PatientValues } from './patient-draft';
import './patient-form.css';

interface PatientFieldInputsProps {
  /** useApiForm's `field` of a patient form. */
  field(name: keyof PatientValues): TextBinding | CheckboxBinding;
  /** Status is set on a registered record, not while registering. */
  withStatus: boolean;
}

const editableStatuses = ['active', 'inactive', 'deceased'] as const;

/** The demographic and contact inputs, shared by registering and editing a patient. */
export function PatientFieldInputs({ field, withStatus }: PatientFieldInputsProps) {
  // Every value of this form is text.
  const bind = (name: keyof PatientValues) => field(name) as TextBinding;
  return (
    <>
      <fieldset className="patient-form__group">
        <legend>Identity</legend>
        <div className="patient-form__grid">
          <Field label="MRN" required autoComplete="off" spellCheck={false} {...bind('mrn')} />
          <Field label="Family name" required autoComplete="off" {...bind('family_name')} />
          <Field label="Given name" autoComplete="off" {...bind('given_name')} />
          <Field label="Date of birth" type="date" required max={localIsoDate(new Date())} {...bind('birth_date')} />
          <Field label="Sex" as="select" {...bind('sex')}>
            <LabelOptions labels={sexLabels} />
          </Field>
          {withStatus && (
            <Field label="Status" as="select" {...bind('status')}>
              <LabelOptions labels={statusLabels} only={editableStatuses} />
            </Field>
          )}
        </div>
      </fieldset>
      <fieldset className="patient-form__group">
        <legend>Contact</legend>
        <div className="patient-form__grid">
          <Field label="Phone" type="tel" autoComplete="off" {...bind('phone')} />
          <Field label="Email" type="email" autoComplete="off" {...bind('email')} />
          <Field label="Address" as="textarea" autoComplete="off" rows={3} {...bind('address')} />
        </div>
      </fieldset>
    </>
  );
}
