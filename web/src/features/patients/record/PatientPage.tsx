import { useLocation, useParams } from 'react-router-dom';
import { apiErrorMessage } from '../../../api/errors';
import { useSession } from '../../../auth/auth-context';
import { FormError } from '../../../components/FormError';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { useApiData } from '../../../components/useApiData';
import { patientName } from '../../../lib/format';
import { useDirectory } from '../../directory/useDirectory';
import { may as mayFiles } from '../../files/access';
import { FilesSection } from '../../files/FilesSection';
import { may, seesWhoAccessed } from '../access';
import { HistorySection } from '../history/HistorySection';
import { type Patient } from '../model';
import { PlansSection } from '../plans/PlansSection';
import { AccessesSection } from './AccessesSection';
import { DemographicsSection } from './DemographicsSection';
import { readPatient } from './EditPatientForm';
import { MergedNotice } from './MergedNotice';
import { MergeSection } from './MergeSection';
import { PatientBanner } from './PatientBanner';

/**
 * A patient's record. Everyone who reads patients sees the demographics; the clinical record (meeting
 * history, decisions, treatment plans, files) is neither shown nor fetched for the front desk; who accessed the
 * record only for those who also review the audit trail.
 */
export function PatientPage() {
  const { patientId = '' } = useParams();
  const location = useLocation();
  const patient = useApiData((signal) => readPatient(patientId, signal), [patientId]);
  const arrivalStatus = (location.state as { status?: string } | null)?.status ?? null;
  const record = patient.data?.id === patientId ? patient.data : undefined;

  return (
    <>
      <PageHeading title={record ? patientName(record) : 'Patient'} documentTitle="Patient record" />
      <StatusMessage message={arrivalStatus} />
      <FormError message={patient.error ? apiErrorMessage(patient.error) : null} />
      {record === undefined ? (
        patient.loading && <Loading label="Loading the patient…" />
      ) : (
        <Record key={record.id} patient={record} onChanged={(next) => patient.setData(() => next)} />
      )}
    </>
  );
}

function Record({ patient, onChanged }: { patient: Patient; onChanged(patient: Patient): void }) {
  const { role } = useSession();
  const merged = patient.status === 'merged';
  return (
    <>
      <PatientBanner patient={patient} />
      {patient.merged_into_id && <MergedNotice survivorId={patient.merged_into_id} />}
      <DemographicsSection patient={patient} onChanged={onChanged} />
      {may(role, 'readClinical') && <ClinicalRecord patient={patient} />}
      {may(role, 'editPatients') && !merged && <MergeSection patient={patient} />}
      {seesWhoAccessed(role) && <AccessesSection patientId={patient.id} />}
    </>
  );
}

function ClinicalRecord({ patient }: { patient: Patient }) {
  const { role } = useSession();
  const directory = useDirectory();
  const merged = patient.status === 'merged';
  return (
    <>
      <HistorySection patientId={patient.id} directory={directory} />
      <PlansSection patientId={patient.id} canAdd={!merged} directory={directory} />
      {mayFiles(role, 'read') && <FilesSection patientId={patient.id} merged={merged} nameOf={directory.nameOf} />}
    </>
  );
}
