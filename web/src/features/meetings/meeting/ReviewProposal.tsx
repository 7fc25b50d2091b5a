import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { LabelOptions } from '../../../components/LabelOptions';
import { useApiForm } from '../../../components/useApiForm';
import { patientName } from '../../../lib/format';
import { triageLabels } from '../labels';
import { approveProposal, rejectProposal } from '../meetings-api';
import type { AgendaItem, Triage } from '../types';

interface ReviewProposalProps {
  meetingId: string;
  item: AgendaItem;
  defaultPosition: number;
  onReviewed(message: string): void;
}

/** Approve (at a position, with a triage) or reject (with a reason) one proposal. */
export function ReviewProposal({ meetingId, item, defaultPosition, onReviewed }: ReviewProposalProps) {
  const name = patientName(item.patient);
  const approval = useApiForm({
    initialValues: { position: String(defaultPosition), triage: 'full_discussion' },
    validate: (values) => {
      const position = Number(values.position);
      return Number.isInteger(position) && position >= 1 && position <= defaultPosition
        ? {}
        : { position: `Enter a position from 1 to ${defaultPosition}.` };
    },
    async onSubmit(values) {
      await approveProposal(meetingId, item.id, values.triage as Triage, Number(values.position));
      onReviewed(`${name} was added to the agenda at position ${values.position}.`);
    },
  });
  const rejection = useApiForm({
    initialValues: { reason: '' },
    validate: (values) => (values.reason.trim() ? {} : { reason: 'Give the reason; the proposer will see it.' }),
    async onSubmit(values) {
      await rejectProposal(meetingId, item.id, values.reason.trim());
      onReviewed(`The proposal for ${name} was rejected.`);
    },
  });

  return (
    <div className="review">
      <form className="review__approve" onSubmit={approval.handleSubmit} noValidate aria-label={`Approve ${name}`}>
        <FormError message={approval.formError} />
        <div className="inline-form">
          <Field
            label="Position on the agenda"
            type="number"
            min={1}
            max={defaultPosition}
            inputMode="numeric"
            {...approval.field('position')}
          />
          <Field label="Triage" as="select" {...approval.field('triage')}>
            <LabelOptions labels={triageLabels} />
          </Field>
          <Button type="submit" variant="primary" busy={approval.submitting}>
            Approve<span className="visually-hidden"> {name}</span>
          </Button>
        </div>
      </form>
      <form className="review__reject" onSubmit={rejection.handleSubmit} noValidate aria-label={`Reject ${name}`}>
        <FormError message={rejection.formError} />
        <div className="inline-form">
          <Field label="Reason for rejecting" required {...rejection.field('reason')} />
          <Button type="submit" variant="danger" busy={rejection.submitting}>
            Reject<span className="visually-hidden"> {name}</span>
          </Button>
        </div>
      </form>
    </div>
  );
}
