import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSession } from '../../../auth/auth-context';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { useApiData } from '../../../components/useApiData';
import type { MeetingAccess } from '../access';
import { useDecisions } from '../decisions/useDecisions';
import { getAgenda, getProposals } from '../meetings-api';
import { MeetingUnavailable } from '../MeetingUnavailable';
import '../meetings.css';
import { TimeZoneNote } from '../TimeZoneNote';
import type { AgendaEntry, AgendaItem, Meeting } from '../types';
import { useMeeting } from '../useMeeting';
import { usePeople } from '../usePeople';
import { AgendaSection } from './AgendaSection';
import { MeetingDetails } from './MeetingDetails';
import './MeetingPage.css';
import { ParticipantsSection } from './ParticipantsSection';
import { ProposalsSection } from './ProposalsSection';
import { ProposePatientForm } from './ProposePatientForm';
import { TransitionButtons } from './TransitionButtons';

export function MeetingPage() {
  const { meetingId = '' } = useParams();
  const { meeting, error, reload, setMeeting, access } = useMeeting(meetingId);
  if (!meeting && error) return <MeetingUnavailable error={error} onRetry={reload} />;
  const running = meeting?.state === 'in_progress' || meeting?.state === 'completed';
  return (
    <>
      <PageHeading title={meeting?.title ?? 'Meeting'}>
        {running && !access.guestView && access.readAgenda && (
          <Link className="button button--primary" to={`/meetings/${meetingId}/run`}>
            Run the meeting
          </Link>
        )}
      </PageHeading>
      {meeting ? (
        <MeetingContent meeting={meeting} access={access} onChanged={setMeeting} reload={reload} />
      ) : (
        <Loading label="Loading the meeting…" />
      )}
    </>
  );
}

interface MeetingContentProps {
  meeting: Meeting;
  access: MeetingAccess;
  onChanged(meeting: Meeting): void;
  reload(): void;
}

function MeetingContent({ meeting, access, onChanged, reload }: MeetingContentProps) {
  const { role } = useSession();
  const open = meeting.state !== 'completed' && meeting.state !== 'cancelled';
  const takesProposals = meeting.state === 'draft' || meeting.state === 'scheduled';
  const agenda = useApiData<AgendaEntry[]>(
    (signal) => (access.readAgenda ? getAgenda(meeting.id, signal) : Promise.resolve([])),
    [meeting.id, access.readAgenda],
  );
  const proposals = useApiData<AgendaItem[]>(
    (signal) => (access.review ? getProposals(meeting.id, signal) : Promise.resolve([])),
    [meeting.id, access.review],
  );
  const { directory, nameOf } = usePeople(meeting.participants, role !== 'guest');
  const { decisions } = useDecisions(meeting.id, agenda.data?.map((item) => item.id) ?? [], access.readDecisions);
  const [reviewStatus, setReviewStatus] = useState<string | null>(null);

  return (
    <>
      <TimeZoneNote />
      {access.guestView && <p>You are a guest of this meeting: you see its approved agenda.</p>}
      <MeetingDetails meeting={meeting} showCutoff={!access.guestView && takesProposals} />
      <TransitionButtons meeting={meeting} mayTransition={access.transition} onChanged={onChanged} />
      {access.readAgenda && (
        <AgendaSection
          meetingId={meeting.id}
          agenda={agenda.data}
          error={agenda.error}
          mayReorder={access.review && open}
          onReordered={(items) => agenda.setData(() => items)}
          decisions={decisions}
          nameOf={nameOf}
        />
      )}
      {access.review && (
        <>
          <StatusMessage message={reviewStatus} />
          <ProposalsSection
            meetingId={meeting.id}
            proposals={proposals.data}
            error={proposals.error}
            agendaLength={agenda.data?.length ?? 0}
            open={open}
            onReviewed={(message) => {
              setReviewStatus(message);
              agenda.reload();
              proposals.reload();
            }}
          />
        </>
      )}
      {access.propose && takesProposals && (
        <ProposePatientForm meeting={meeting} proposesLate={access.proposesLate} onProposed={proposals.reload} />
      )}
      {!access.guestView && (
        <ParticipantsSection
          meeting={meeting}
          mayManage={access.manageParticipants && open}
          directory={directory}
          onChanged={onChanged}
          onRemoved={reload}
        />
      )}
    </>
  );
}
