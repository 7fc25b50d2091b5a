import { Link } from 'react-router-dom';
import { apiErrorMessage } from '../../../api/errors';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { Section } from '../../../components/Section';
import { useApiData } from '../../../components/useApiData';
import { formatDateTime } from '../../../lib/format';
import { ActionName } from '../../audit/ActionName';
import { auditTrailAddress, readPatientAccesses } from '../../audit/api';
import { roleName } from '../../audit/labels';
import './accesses.css';

/** Who read, changed or listed this record, one row per person, most recent first; the full trail is a link away. */
export function AccessesSection({ patientId }: { patientId: string }) {
  const accesses = useApiData((signal) => readPatientAccesses(patientId, signal), [patientId]);

  return (
    <Section title="Who accessed this record">
      <FormError message={accesses.error ? apiErrorMessage(accesses.error) : null} />
      {accesses.data === undefined ? (
        accesses.loading && <Loading label="Loading who accessed the record…" />
      ) : accesses.data.length === 0 ? (
        <EmptyState title="No one has accessed this record yet" />
      ) : (
        <table className="accesses">
          <caption className="visually-hidden">People who accessed this record, most recent first</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">First</th>
              <th scope="col">Last</th>
              <th scope="col">Times</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {accesses.data.map((access) => (
              <tr key={access.actor.id}>
                <th scope="row">{access.actor.name}</th>
                <td>{roleName(access.clinic_role)}</td>
                <td>{formatDateTime(access.first_at)}</td>
                <td>{formatDateTime(access.last_at)}</td>
                <td>{access.count}</td>
                <td>
                  <ul className="accesses__actions">
                    {access.actions.map((action) => (
                      <li key={action}>
                        <ActionName action={action} />
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to={auditTrailAddress(patientId)}>Full audit trail for this patient</Link>
      </p>
    </Section>
  );
}
