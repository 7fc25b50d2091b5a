import { Link } from 'react-router-dom';
import { formatLongDate, formatTime } from '../dates';
import { StateBadge } from '../StateBadge';
import type { Meeting } from '../types';

/** A meeting in a list: its title, when, where and state. Meetings carry no patient data. */
export function MeetingListEntry({ meeting }: { meeting: Meeting }) {
  return (
    <li className="meeting-entry">
      <Link to={`/meetings/${meeting.id}`} className="meeting-entry__title">
        {meeting.title}
        <span className="visually-hidden">, {formatLongDate(meeting.starts_at)}</span>
      </Link>
      <span className="meeting-entry__when">
        {formatLongDate(meeting.starts_at)}, {formatTime(meeting.starts_at)}–{formatTime(meeting.ends_at)}
      </span>
      {meeting.location && <span className="meeting-entry__where">{meeting.location}</span>}
      <StateBadge state={meeting.state} />
    </li>
  );
}
