import { apiErrorMessage } from '../../../api/errors';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { patientName } from '../../../lib/format';
import { ProformaFacts } from '../ProformaFacts';
import type { AgendaItem } from '../types';
import { ReviewProposal } from './ReviewProposal';

interface ProposalsSectionProps {
  meetingId: string;
  proposals: AgendaItem[] | undefined;
  error: unknown;
  /** Approved items so far: a new one goes after them unless the organiser says otherwise. */
  agendaLength: number;
  /** Whether the agenda still changes (the meeting is not over). */
  open: boolean;
  onReviewed(message: string): void;
}

/** Pending proposals for the organiser to approve or reject; rejected ones below, with their reasons. */
export function ProposalsSection({
  meetingId,
  proposals,
  error,
  agendaLength,
  open,
  onReviewed,
}: ProposalsSectionProps) {
  if (proposals === undefined) {
    return (
      <Section title="Proposals waiting for review">
        {error ? <FormError message={apiErrorMessage(error)} /> : <Loading label="Loading proposals…" />}
      </Section>
    );
  }
  const pending = proposals.filter((item) => item.state === 'pending');
  const rejected = proposals.filter((item) => item.state === 'rejected');
  return (
    <Section title="Proposals waiting for review">
      {pending.length === 0 ? (
        <EmptyState title="No proposals waiting" />
      ) : (
        <ul className="proposals">
          {pending.map((item) => (
            <li key={item.id} className="proposal">
              <h3>
                {patientName(item.patient)}
                {item.late && <span className="tag">Late</span>}
                {item.carried_from_item_id && <span className="tag">Carried over</span>}
              </h3>
              <ProformaFacts item={item} />
              {open && (
                <ReviewProposal
                  meetingId={meetingId}
                  item={item}
                  defaultPosition={agendaLength + 1}
                  onReviewed={onReviewed}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {rejected.length > 0 && (
        <details className="rejected">
          <summary>Rejected proposals ({rejected.length})</summary>
          <ul>
            {rejected.map((item) => (
              <li key={item.id}>
                <strong>{patientName(item.patient)}</strong>: {item.rejection_reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}
