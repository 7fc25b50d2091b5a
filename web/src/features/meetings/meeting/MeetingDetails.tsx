import { formatDateTime, formatLongDate, formatTime } from '../dates';
import { StateBadge } from '../StateBadge';
import type { Meeting } from '../types';

/** When, where and in what state a meeting is; times in the browser's zone (the page says which). */
export function MeetingDetails({ meeting, showCutoff }: { meeting: Meeting; showCutoff: boolean }) {
  return (
    <dl className="facts meeting-details">
      <dt>State</dt>
      <dd>
        <StateBadge state={meeting.state} />
      </dd>
      <dt>When</dt>
      <dd>
        {formatLongDate(meeting.starts_at)}, {formatTime(meeting.starts_at)}–{formatTime(meeting.ends_at)}
      </dd>
      <dt>Specialty</dt>
      <dd>{meeting.specialty}</dd>
      <dt>Place</dt>
      <dd>{meeting.location || 'Not set'}</dd>
      {meeting.online_link && (
        <>
          <dt>Online</dt>
          <dd>
            <a href={meeting.online_link} target="_blank" rel="noreferrer noopener">
              Join online<span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </dd>
        </>
      )}
      {showCutoff && (
        <>
          <dt>Proposals close</dt>
          <dd>{formatDateTime(meeting.proposal_cutoff_at)}</dd>
        </>
      )}
    </dl>
  );
}
