import { formatDateTime } from '../../../lib/format';
import { formatBirthDate, sexLabels, statusLabels, type Patient } from '../model';
import './demographics.css';

function orNotRecorded(text: string | undefined) {
  return text ? text : <span className="demographics__none">Not recorded</span>;
}

/** A patient's demographics, contact and identifiers, read-only. */
export function DemographicsView({ patient }: { patient: Patient }) {
  return (
    <div className="demographics">
      <dl className="demographics__list">
        <dt>MRN</dt>
        <dd>{patient.mrn}</dd>
        <dt>Family name</dt>
        <dd>{patient.family_name}</dd>
        <dt>Given name</dt>
        <dd>{orNotRecorded(patient.given_name)}</dd>
        <dt>Date of birth</dt>
        <dd>{formatBirthDate(patient.birth_date)}</dd>
        <dt>Sex</dt>
        <dd>{sexLabels[patient.sex] ?? patient.sex}</dd>
        <dt>Status</dt>
        <dd>{statusLabels[patient.status]}</dd>
      </dl>
      <dl className="demographics__list">
        <dt>Phone</dt>
        <dd>{orNotRecorded(patient.phone)}</dd>
        <dt>Email</dt>
        <dd>{orNotRecorded(patient.email)}</dd>
        <dt>Address</dt>
        <dd className="demographics__address">{orNotRecorded(patient.address)}</dd>
        <dt>Other identifiers</dt>
        <dd>
          {patient.identifiers.length === 0 ? (
            <span className="demographics__none">None</span>
          ) : (
            <ul className="demographics__identifiers">
              {patient.identifiers.map(({ system, value }) => (
                <li key={`${system}|${value}`}>
                  <span className="demographics__system">{system}</span> {value}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {patient.updated_at && (
          <>
            <dt>Last changed</dt>
            <dd>{formatDateTime(patient.updated_at)}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
