import { Link } from 'react-router-dom';
import { patientName } from '../../../lib/format';
import { formatBirthDate, sexLabels, statusLabels, type Patient } from '../model';
import './patient-banner.css';

/** Whose record this is, at the top of every page about a patient: name, MRN, date of birth, sex, status. */
export function PatientBanner({ patient, linkToRecord = false }: { patient: Patient; linkToRecord?: boolean }) {
  return (
    <div className="patient-banner" role="group" aria-label="Patient">
      {linkToRecord && (
        <span className="patient-banner__name">
          <Link to={`/patients/${patient.id}`}>{patientName(patient)}</Link>
        </span>
      )}
      <span>
        <span className="patient-banner__label">MRN</span> {patient.mrn}
      </span>
      <span>
        <span className="patient-banner__label">Born</span> {formatBirthDate(patient.birth_date)}
      </span>
      <span>{sexLabels[patient.sex] ?? patient.sex}</span>
      <span className={`patient-banner__status patient-banner__status--${patient.status}`}>
        {statusLabels[patient.status]}
      </span>
    </div>
  );
}
