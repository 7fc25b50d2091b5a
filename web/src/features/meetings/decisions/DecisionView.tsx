import { formatDateTime } from '../dates';
import { describeOutcome, resolutionLabels } from '../../decisions/labels';
import type { Decision } from '../types';

interface DecisionViewProps {
  decision: Decision;
  nameOf(userId: string | null | undefined): string;
}

/** A decision version as recorded, read-only, with the quorum and attendance the server recorded with it. */
export function DecisionView({ decision, nameOf }: DecisionViewProps) {
  const signed = Boolean(decision.signed_at);
  return (
    <div className="decision">
      <p className={signed ? 'decision__status decision__status--signed' : 'decision__status'}>
        {signed
          ? `Signed by ${nameOf(decision.signed_by)} on ${formatDateTime(decision.signed_at ?? '')} (version ${decision.version}).`
          : `Recorded, not signed yet (version ${decision.version}).`}
      </p>
      <dl className="facts">
        <dt>Outcome</dt>
        <dd>{describeOutcome(decision)}</dd>
        <dt>Rationale</dt>
        <dd>{decision.rationale}</dd>
        <dt>Resolution</dt>
        <dd>{resolutionLabels[decision.resolution]}</dd>
        <dt>Clinical trial</dt>
        <dd>
          {decision.trial_considered
            ? `Considered${decision.trial_name ? `: ${decision.trial_name}` : ''}`
            : 'Not considered'}
        </dd>
        <dt>Responsible clinician</dt>
        <dd>{nameOf(decision.responsible_clinician_id)}</dd>
        <dt>Present</dt>
        <dd>{decision.present.length ? decision.present.map(nameOf).join(', ') : 'No attendance recorded'}</dd>
        <dt>Quorate</dt>
        <dd>{decision.quorate ? 'Yes' : 'No'}</dd>
        {decision.change_reason && (
          <>
            <dt>Reason for this version</dt>
            <dd>{decision.change_reason}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
