import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useSession } from '../../../auth/auth-context';
import type { ClinicRole } from '../../../auth/session';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { PageHeading } from '../../../components/PageHeading';
import { localIsoDate } from '../../../lib/format';
import { parseLocalIsoDate, startOfWeek } from '../dates';
import '../meetings.css';
import { TimeZoneNote } from '../TimeZoneNote';
import { CreateMeetingDialog } from './CreateMeetingDialog';
import { specialtiesOf, specialtyLabel, withSpecialty } from './grouping';
import { MeetingList } from './MeetingList';
import './MeetingsPage.css';
import { useUpcomingMeetings, useWeekMeetings } from './useMeetingLists';
import { WeekCalendar } from './WeekCalendar';

/** Clinic roles with meeting.create (docs/permissions.md). */
const meetingCreatorRoles: readonly ClinicRole[] = ['owner', 'practitioner', 'front_desk'];

type View = 'list' | 'week';

export function MeetingsPage() {
  const { role } = useSession();
  const navigate = useNavigate();
  // The view, week and specialty live in the address, so reloading or going back keeps them. No patient data.
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'week' ? 'week' : 'list';
  const weekStart = startOfWeek(parseLocalIsoDate(params.get('week')) ?? new Date());
  const specialty = params.get('specialty') ?? '';
  const [creating, setCreating] = useState(false);

  const upcoming = useUpcomingMeetings();
  const week = useWeekMeetings(weekStart, view === 'week');
  const specialties = specialtiesOf(
    upcoming.meetings ?? [],
    week.meetings ?? [],
    specialty ? [{ specialty, starts_at: '' }] : [],
  );

  function change(updates: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(updates)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeading title="Meetings">
        {meetingCreatorRoles.includes(role) && (
          <Button variant="primary" onClick={() => setCreating(true)}>
            New meeting
          </Button>
        )}
      </PageHeading>
      <TimeZoneNote />
      <div className="meetings-toolbar">
        <div className="view-switch" role="group" aria-label="Show meetings as">
          <Button aria-pressed={view === 'list'} onClick={() => change({ view: null })}>
            List
          </Button>
          <Button aria-pressed={view === 'week'} onClick={() => change({ view: 'week' })}>
            Week calendar
          </Button>
        </div>
        <Field
          label="Specialty"
          as="select"
          value={specialty}
          onChange={(event) => change({ specialty: event.target.value })}
        >
          <option value="">All specialties</option>
          {specialties.map((name) => (
            <option key={name} value={name}>
              {specialtyLabel(name)}
            </option>
          ))}
        </Field>
      </div>
      {view === 'list' ? (
        <MeetingList
          meetings={upcoming.meetings && withSpecialty(upcoming.meetings, specialty)}
          error={upcoming.error}
          hasMore={upcoming.hasMore}
          loadingMore={upcoming.loadingMore}
          onLoadMore={upcoming.loadMore}
        />
      ) : (
        <WeekCalendar
          weekStart={weekStart}
          meetings={week.meetings && withSpecialty(week.meetings, specialty)}
          loading={week.loading}
          error={week.error}
          onWeekChange={(start) => change({ week: localIsoDate(start) })}
        />
      )}
      {creating && (
        <CreateMeetingDialog
          specialties={specialties}
          onClose={() => setCreating(false)}
          onCreated={(meeting) => navigate(`/meetings/${meeting.id}`)}
        />
      )}
    </>
  );
}
