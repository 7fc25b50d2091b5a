import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { patientName } from '../../../lib/format';
import { formatDate, sexLabels, statusLabels, type Patient } from '../model';

interface PatientResultsProps {
  patients: Patient[];
  caption: string;
  /** A last column per patient (e.g. a "Choose" button); without it each name links to the record. */
  action?(patient: Patient): ReactNode;
  actionHeading?: string;
}

export function PatientResults({ patients, caption, action, actionHeading = 'Action' }: PatientResultsProps) {
  return (
    <table className="patient-results">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">MRN</th>
          <th scope="col">Date of birth</th>
          <th scope="col">Sex</th>
          <th scope="col">Status</th>
          {action && (
            <th scope="col">
              <span className="visually-hidden">{actionHeading}</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {patients.map((patient) => (
          <tr key={patient.id}>
            <th scope="row">
              {action ? patientName(patient) : <Link to={`/patients/${patient.id}`}>{patientName(patient)}</Link>}
            </th>
            <td>{patient.mrn}</td>
            <td>{formatDate(patient.birth_date)}</td>
            <td>{sexLabels[patient.sex] ?? patient.sex}</td>
            <td>{statusLabels[patient.status]}</td>
            {action && <td>{action(patient)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
