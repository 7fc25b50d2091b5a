import { apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import type { Meeting } from '../types';
import { groupBySpecialty, specialtyLabel } from './grouping';
import { MeetingListEntry } from './MeetingListEntry';

interface MeetingListProps {
  meetings: Meeting[] | undefined;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore(): void;
}

/** Upcoming meetings, grouped by specialty. */
export function MeetingList({ meetings, error, hasMore, loadingMore, onLoadMore }: MeetingListProps) {
  if (meetings === undefined)
    return error ? <FormError message={apiErrorMessage(error)} /> : <Loading label="Loading meetings…" />;
  return (
    <>
      {meetings.length === 0 ? (
        <EmptyState title="No upcoming meetings">
          <p>Meetings you can see appear here once they are set up.</p>
        </EmptyState>
      ) : (
        groupBySpecialty(meetings).map((group) => (
          <section key={group.specialty} className="meeting-group" aria-label={specialtyLabel(group.specialty)}>
            <h2>{specialtyLabel(group.specialty)}</h2>
            <ul className="meeting-list">
              {group.meetings.map((meeting) => (
                <MeetingListEntry key={meeting.id} meeting={meeting} />
              ))}
            </ul>
          </section>
        ))
      )}
      <FormError message={error ? apiErrorMessage(error) : null} />
      {hasMore && (
        <Button onClick={onLoadMore} busy={loadingMore}>
          Show later meetings
        </Button>
      )}
    </>
  );
}
