import { Link } from 'react-router-dom';
import { api, call } from '../../../api/client';
import { apiErrorMessage } from '../../../api/errors';
import { useSession } from '../../../auth/auth-context';
import { ButtonLink } from '../../../components/ButtonLink';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useApiData } from '../../../components/useApiData';
import { formatDateTime } from '../../../lib/format';
import { describeOutcome, describeResolution } from '../../decisions/labels';
import type { Directory } from '../../directory/useDirectory';
import { may } from '../access';
import type { HistoryDecision, HistoryItem } from '../model';
import { describeItemState } from './labels';
import './history.css';

export async function readHistory(patientId: string, signal?: AbortSignal): Promise<HistoryItem[]> {
  const history = await call(
    api.GET('/api/v1/patients/{patient_id}/history', { params: { path: { patient_id: patientId } }, signal }),
  );
  return history.items;
}

interface HistorySectionProps {
  patientId: string;
  directory: Directory;
}

/** The patient's agenda items across meetings, newest meeting first, each with its latest decision. */
export function HistorySection({ patientId, directory }: HistorySectionProps) {
  const { role } = useSession();
  const history = useApiData((signal) => readHistory(patientId, signal), [patientId]);
  const canPlan = may(role, 'writePlans');

  return (
    <Section title="Meeting history">
      <FormError message={history.error ? apiErrorMessage(history.error) : null} />
      {history.data === undefined ? (
        history.loading && <Loading label="Loading the meeting history…" />
      ) : history.data.length === 0 ? (
        <EmptyState title="Not yet discussed at a meeting" />
      ) : (
        <table className="history">
          <caption className="visually-hidden">Agenda items and decisions, newest meeting first</caption>
          <thead>
            <tr>
              <th scope="col">Meeting</th>
              <th scope="col">Question for the board</th>
              <th scope="col">Agenda</th>
              <th scope="col">Decision</th>
              {canPlan && (
                <th scope="col">
                  <span className="visually-hidden">Plan</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {history.data.map((item) => (
              <tr key={item.item_id}>
                <th scope="row">
                  <Link to={`/meetings/${item.meeting_id}`}>{item.meeting_title}</Link>
                  <span className="history__meta">
                    {formatDateTime(item.meeting_starts_at)}
                    {item.meeting_state === 'cancelled' && ' (Cancelled)'}
                  </span>
                </th>
                <td className="history__question">{item.clinical_question}</td>
                <td>{describeItemState(item)}</td>
                <td>
                  {item.decision ? (
                    <DecisionSummary decision={item.decision} directory={directory} />
                  ) : (
                    'No decision yet'
                  )}
                </td>
                {canPlan && (
                  <td>
                    {item.decision && (
                      <ButtonLink to={`/patients/${patientId}/plans/new?decision=${item.item_id}`}>
                        Start a plan
                        <span className="visually-hidden">
                          {' '}
                          from the decision of {item.meeting_title}, {formatDateTime(item.meeting_starts_at)}
                        </span>
                      </ButtonLink>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function DecisionSummary({ decision, directory }: { decision: HistoryDecision; directory: Directory }) {
  return (
    <>
      <strong>{describeOutcome(decision)}</strong>
      <span className="history__meta">
        {describeResolution(decision.resolution)}; responsible: {directory.nameOf(decision.responsible_clinician_id)}
      </span>
      <span className="history__meta">
        {decision.signed && decision.signed_at
          ? `Version ${decision.version}, signed ${formatDateTime(decision.signed_at)}`
          : `Version ${decision.version}, not signed yet`}
      </span>
    </>
  );
}
