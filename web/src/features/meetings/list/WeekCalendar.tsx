import { Link } from 'react-router-dom';
import { apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { FormError } from '../../../components/FormError';
import {
  addDays,
  formatLongDate,
  formatShortDay,
  formatTime,
  formatWeek,
  meetingsByDay,
  sameLocalDay,
  startOfWeek,
  weekDays,
} from '../dates';
import { meetingStateLabels } from '../labels';
import type { Meeting } from '../types';
import './WeekCalendar.css';

interface WeekCalendarProps {
  weekStart: Date;
  meetings: Meeting[] | undefined;
  loading: boolean;
  error: unknown;
  onWeekChange(weekStart: Date): void;
}

/** Seven days from Monday, each with its meetings; plain buttons and links, so it all works by keyboard. */
export function WeekCalendar({ weekStart, meetings, loading, error, onWeekChange }: WeekCalendarProps) {
  const today = new Date();
  const byDay = meetingsByDay(meetings ?? [], weekStart);
  const count = meetings?.length ?? 0;
  const isThisWeek = sameLocalDay(weekStart, startOfWeek(today));
  return (
    <section className="week" aria-labelledby="week-heading">
      <div className="week__bar">
        <h2 id="week-heading" className="week__title">
          Week of {formatWeek(weekStart)}
        </h2>
        <div className="week__nav">
          <Button onClick={() => onWeekChange(addDays(weekStart, -7))}>Previous week</Button>
          <Button onClick={() => onWeekChange(startOfWeek(today))} disabled={isThisWeek}>
            This week
          </Button>
          <Button onClick={() => onWeekChange(addDays(weekStart, 7))}>Next week</Button>
        </div>
      </div>
      <p className="visually-hidden" role="status">
        {loading ? 'Loading the week…' : `${formatWeek(weekStart)}: ${count} meeting${count === 1 ? '' : 's'}.`}
      </p>
      <FormError message={error ? apiErrorMessage(error) : null} />
      <ol className="week__days">
        {weekDays(weekStart).map((day, index) => {
          const isToday = sameLocalDay(day, today);
          const dayMeetings = byDay[index] ?? [];
          return (
            <li key={day.getTime()} className={isToday ? 'week__day week__day--today' : 'week__day'}>
              <h3 className="week__day-name" aria-current={isToday ? 'date' : undefined}>
                <span aria-hidden="true">{formatShortDay(day)}</span>
                <span className="visually-hidden">{formatLongDate(day)}</span>
                {isToday && <span className="week__today"> (today)</span>}
              </h3>
              {dayMeetings.length === 0 ? (
                <p className="week__none">No meetings</p>
              ) : (
                <ul className="week__meetings">
                  {dayMeetings.map((meeting) => (
                    <li key={meeting.id} className={`week__meeting week__meeting--${meeting.state}`}>
                      <Link to={`/meetings/${meeting.id}`}>
                        <span className="week__time">
                          {formatTime(meeting.starts_at)}–{formatTime(meeting.ends_at)}
                        </span>{' '}
                        <span className="week__meeting-title">{meeting.title}</span>
                      </Link>
                      <span className="week__state">{meetingStateLabels[meeting.state]}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
