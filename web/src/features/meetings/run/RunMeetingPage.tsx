import { Link, useParams, useSearchParams } from 'react-router-dom';
import { apiErrorMessage } from '../../../api/errors';
import { useSession } from '../../../auth/auth-context';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useApiData } from '../../../components/useApiData';
import { patientName } from '../../../lib/format';
import { AgendaItemFiles } from '../../files/AgendaItemFiles';
import type { MeetingAccess } from '../access';
import { formatLongDate, formatTime } from '../dates';
import { getAgenda } from '../meetings-api';
import { MeetingPartNotAvailable, MeetingUnavailable } from '../MeetingUnavailable';
import '../meetings.css';
import { ProformaFacts } from '../ProformaFacts';
import { StateBadge } from '../StateBadge';
import { TimeZoneNote } from '../TimeZoneNote';
import type { AgendaEntry, Meeting } from '../types';
import { useMeeting } from '../useMeeting';
import { usePeople } from '../usePeople';
import { TransitionButtons } from '../meeting/TransitionButtons';
import { AttendancePanel } from './AttendancePanel';
import { DecisionPanel } from './DecisionPanel';
import { ItemStepper } from './ItemStepper';
import './RunMeetingPage.css';

const notForGuests = 'Running the meeting';

/** The shared screen: the approved agenda one item at a time, attendance, and each item's decision. */
export function RunMeetingPage() {
  const { role } = useSession();
  const { meetingId = '' } = useParams();
  if (role === 'guest') return <MeetingPartNotAvailable what={notForGuests} />;
  return <RunMeeting meetingId={meetingId} />;
}

function RunMeeting({ meetingId }: { meetingId: string }) {
  const { meeting, error, reload, setMeeting, access } = useMeeting(meetingId);
  if (!meeting && error) return <MeetingUnavailable error={error} onRetry={reload} />;
  if (meeting && (access.guestView || !access.readAgenda)) return <MeetingPartNotAvailable what={notForGuests} />;
  return (
    <div className="run">
      <PageHeading title={meeting ? `Run the meeting: ${meeting.title}` : 'Run the meeting'}>
        <Link to={`/meetings/${meetingId}`}>Back to the meeting page</Link>
      </PageHeading>
      {meeting ? (
        <RunContent meeting={meeting} access={access} onChanged={setMeeting} />
      ) : (
        <Loading label="Loading the meeting…" />
      )}
    </div>
  );
}

function RunContent({
  meeting,
  access,
  onChanged,
}: {
  meeting: Meeting;
  access: MeetingAccess;
  onChanged(meeting: Meeting): void;
}) {
  const agenda = useApiData<AgendaEntry[]>((signal) => getAgenda(meeting.id, signal), [meeting.id]);
  const { directory, nameOf } = usePeople(meeting.participants, true);
  // The item shown is in the address (a number, no patient data), so a reload stays on it.
  const [params, setParams] = useSearchParams();
  const items = agenda.data ?? [];
  const index = Math.min(Math.max(Number(params.get('item') ?? 1) - 1 || 0, 0), Math.max(items.length - 1, 0));
  const item = items[index];

  return (
    <>
      <p className="run__when">
        {formatLongDate(meeting.starts_at)}, {formatTime(meeting.starts_at)}–{formatTime(meeting.ends_at)}{' '}
        <StateBadge state={meeting.state} />
      </p>
      <TimeZoneNote />
      <TransitionButtons meeting={meeting} mayTransition={access.transition} onChanged={onChanged} />
      <div className="run__layout">
        <div className="run__main">
          {agenda.data === undefined ? (
            agenda.error ? (
              <FormError message={apiErrorMessage(agenda.error)} />
            ) : (
              <Loading label="Loading the agenda…" />
            )
          ) : !item ? (
            <EmptyState title="No patients on the agenda" />
          ) : (
            <>
              <ItemStepper
                agenda={items}
                index={index}
                onGo={(next) => setParams({ item: String(next + 1) }, { replace: true })}
              />
              <article className="run__item" aria-labelledby="run-item-heading">
                <h2 id="run-item-heading">
                  {patientName(item.patient)}
                  {item.late && <span className="tag">Late</span>}
                </h2>
                <ProformaFacts item={item} />
                <AgendaItemFiles
                  key={`files-${item.id}`}
                  meetingId={meeting.id}
                  itemId={item.id}
                  patient={patientName(item.patient)}
                  nameOf={nameOf}
                />
                {access.readDecisions && (
                  <DecisionPanel
                    key={item.id}
                    meeting={meeting}
                    itemId={item.id}
                    mayDecide={access.decide}
                    directory={directory}
                    nameOf={nameOf}
                  />
                )}
              </article>
            </>
          )}
        </div>
        <AttendancePanel
          key={meeting.state}
          meeting={meeting}
          mayRecord={access.recordAttendance && meeting.state === 'in_progress'}
          onSaved={onChanged}
        />
      </div>
    </>
  );
}
