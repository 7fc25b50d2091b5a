import { useId, useState } from 'react';
import { Button } from '../../components/Button';
import { formatDateTime } from '../../lib/format';
import { ActionName } from './ActionName';
import type { AuditEvent } from './api';
import { EventDetails } from './EventDetails';
import { actorName, outcomeLabels, roleName } from './labels';

const kColumns = ['Time', 'Person', 'Role', 'Action', 'Outcome', 'Resource', 'Patient', 'IP address'];

/** Audit records, newest first; each row opens (from its first cell, in view on a narrow screen) to show the rest. */
export function AuditTable({ events }: { events: readonly AuditEvent[] }) {
  return (
    // Scrolls sideways on a narrow screen rather than squeezing the columns; focusable so keys can scroll it.
    <div className="audit-table" role="region" aria-label="Audit records" tabIndex={0}>
      <table>
        <caption className="visually-hidden">Audit records, newest first</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
            {kColumns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <EventRows key={event.id} event={event} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EventRows({ event }: { event: AuditEvent }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const time = formatDateTime(event.occurred_at);

  return (
    <>
      <tr className={open ? 'audit-table__row audit-table__row--open' : 'audit-table__row'}>
        <td>
          <Button
            variant="link"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            onClick={() => setOpen(!open)}
          >
            Details
            <span className="visually-hidden">
              {' '}
              of {event.action} by {actorName(event)}, {time}
            </span>
          </Button>
        </td>
        <th scope="row">
          <time dateTime={event.occurred_at}>{time}</time>
        </th>
        <td>{actorName(event)}</td>
        <td>{roleName(event.clinic_role)}</td>
        <td>
          <ActionName action={event.action} />
        </td>
        <td className={`audit-outcome audit-outcome--${event.outcome}`}>{outcomeLabels[event.outcome]}</td>
        <td>
          {event.resource_type}
          {event.resource_id && <span className="audit-table__id">{event.resource_id}</span>}
        </td>
        <td>
          <PatientCell event={event} />
        </td>
        <td className="audit-table__ip">{event.ip ?? '—'}</td>
      </tr>
      {open && (
        <tr id={detailsId} className="audit-table__details">
          <td colSpan={kColumns.length + 1}>
            <EventDetails event={event} />
          </td>
        </tr>
      )}
    </>
  );
}

/** The patient a record is about, or how many a list or search returned. */
function PatientCell({ event }: { event: AuditEvent }) {
  if (event.patient_id) return <span className="audit-table__id">{event.patient_id}</span>;
  const listed = event.patient_ids?.length ?? 0;
  if (listed > 0) return <>{listed === 1 ? '1 in a list' : `${listed} in a list`}</>;
  return <>—</>;
}
