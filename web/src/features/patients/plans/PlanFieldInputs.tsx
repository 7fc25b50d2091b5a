import { Field } from '../../../components/Field';
import type { CheckboxBinding, TextBinding } from '../../../components/useApiForm';
import type { Member } from '../../directory/useDirectory';
import { RowsEditor } from '../shared/RowsEditor';
import type { PlanValues, StepRow } from './plan-draft';
import './plans.css';

interface PlanFieldInputsProps {
  /** The plan form (useRowsForm, its rows the steps). */
  form: {
    field(name: keyof PlanValues): TextBinding | CheckboxBinding;
    rows: StepRow[];
    setRows(steps: StepRow[]): void;
    rowsError: string | null;
  };
  clinicians: Member[];
}

/** The content of a treatment plan, shared by creating and changing one. */
export function PlanFieldInputs({ form, clinicians }: PlanFieldInputsProps) {
  // Every value of a plan form is text.
  const bind = (name: keyof PlanValues) => form.field(name) as TextBinding;
  const responsible = bind('responsible_clinician_id');
  const listed = clinicians.some((member) => member.id === responsible.value);
  return (
    <>
      <Field label="Goals" as="textarea" rows={5} required {...bind('goals')} />
      <RowsEditor<StepRow>
        legend="Steps"
        hint="In order. A due date is optional."
        rowName="step"
        addLabel="Add a step"
        columns={[
          { key: 'description', label: 'Description', wide: true },
          { key: 'due_date', label: 'Due date', type: 'date' },
        ]}
        rows={form.rows}
        emptyRow={{ description: '', due_date: '' }}
        onChange={form.setRows}
        error={form.rowsError}
      />
      <div className="plan-form__dates">
        <Field label="Start date" type="date" {...bind('start_date')} />
        <Field label="End date" type="date" {...bind('end_date')} />
      </div>
      <Field
        label="Responsible clinician"
        as="select"
        hint="An owner or practitioner of the clinic. After completion only they may change the plan."
        required
        {...responsible}
      >
        {responsible.value === '' && <option value="">Choose a clinician</option>}
        {!listed && responsible.value !== '' && (
          <option value={responsible.value}>{clinicians.length === 0 ? 'Loading…' : 'A former member'}</option>
        )}
        {clinicians.map((member) => (
          <option key={member.id} value={member.id}>
            {member.display_name}
          </option>
        ))}
      </Field>
    </>
  );
}
