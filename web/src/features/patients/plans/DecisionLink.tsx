import { Link } from 'react-router-dom';
import { useApiData } from '../../../components/useApiData';
import { formatDateTime } from '../../../lib/format';
import { describeOutcome } from '../../decisions/labels';
import { readHistory } from '../history/HistorySection';

/** The meeting decision a plan follows, found in the patient's history. */
export function DecisionLink({ patientId, itemId }: { patientId: string; itemId: string }) {
  const history = useApiData((signal) => readHistory(patientId, signal), [patientId]);
  const item = history.data?.find((candidate) => candidate.item_id === itemId);
  if (!item) return <>{history.loading ? 'Loading…' : 'A meeting decision'}</>;
  return (
    <>
      <Link to={`/meetings/${item.meeting_id}`}>
        {item.meeting_title}, {formatDateTime(item.meeting_starts_at)}
      </Link>
      {item.decision && `: ${describeOutcome(item.decision)}`}
    </>
  );
}
