import type { ReactNode } from 'react';
import { meetingRoleLabels } from '../meetings/labels';
import type { AuditEvent } from './api';
import { valueChanges } from './changes';

/** Everything an audit record holds beyond its row: the values it changed, its detail and where it came from. */
export function EventDetails({ event }: { event: AuditEvent }) {
  return (
    <div className="audit-details">
      <dl className="audit-details__list">
        <Entry term="Recorded at (UTC)">
          <code>{event.occurred_at}</code>
        </Entry>
        {event.meeting_role && <Entry term="Meeting role">{meetingRoleLabels[event.meeting_role]}</Entry>}
        {event.patient_ids && event.patient_ids.length > 0 && (
          <Entry term="Patients in the answer">
            <IdList ids={event.patient_ids} />
          </Entry>
        )}
        <Entry term="Changed fields">{event.changed_fields.join(', ') || '(none)'}</Entry>
        <Entry term="Request id">{event.request_id ?? '(none)'}</Entry>
        <Entry term="User agent">{event.user_agent ?? '(none)'}</Entry>
        {event.detail && (
          <Entry term="Detail">
            <pre className="audit-details__json">{JSON.stringify(event.detail, null, 2)}</pre>
          </Entry>
        )}
      </dl>
      {event.values_withheld ? (
        <p className="audit-details__withheld">Values withheld for administrators.</p>
      ) : (
        <ValueChanges event={event} />
      )}
    </div>
  );
}

function Entry({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function IdList({ ids }: { ids: readonly string[] }) {
  return (
    <ul className="audit-details__ids">
      {ids.map((id) => (
        <li key={id}>{id}</li>
      ))}
    </ul>
  );
}

function ValueChanges({ event }: { event: AuditEvent }) {
  const changes = valueChanges(event);
  if (changes.length === 0) return null;
  return (
    <table className="audit-details__values">
      <caption>Values before and after</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field}>
            <th scope="row">{change.field}</th>
            <td>{change.before}</td>
            <td>{change.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
