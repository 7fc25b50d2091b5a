import { apiErrorMessage } from '../../../api/errors';
import { FormError } from '../../../components/FormError';
import { useApiData } from '../../../components/useApiData';
import { readPatient } from '../record/EditPatientForm';
import { PatientBanner } from '../record/PatientBanner';

/** The banner of the patient a plan page is about, linking back to their record. */
export function PatientContext({ patientId }: { patientId: string }) {
  const patient = useApiData((signal) => readPatient(patientId, signal), [patientId]);
  if (patient.error) return <FormError message={apiErrorMessage(patient.error)} />;
  return patient.data ? <PatientBanner patient={patient.data} linkToRecord /> : null;
}
