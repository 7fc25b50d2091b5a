import { useState } from 'react';
import { useSession } from '../../../auth/auth-context';
import { Button } from '../../../components/Button';
import { Section } from '../../../components/Section';
import { StatusMessage } from '../../../components/StatusMessage';
import { may } from '../access';
import type { Patient } from '../model';
import { DemographicsView } from './DemographicsView';
import { EditPatientForm } from './EditPatientForm';

interface DemographicsSectionProps {
  patient: Patient;
  onChanged(patient: Patient): void;
}

export function DemographicsSection({ patient, onChanged }: DemographicsSectionProps) {
  const { role } = useSession();
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const canEdit = may(role, 'editPatients') && patient.status !== 'merged';

  function saved(next: Patient, changed: boolean) {
    onChanged(next);
    setEditing(false);
    setStatus(changed ? 'Saved the patient’s details.' : 'Nothing had changed, so nothing was saved.');
  }

  return (
    <Section title="Details">
      <StatusMessage message={status} />
      {editing ? (
        <EditPatientForm patient={patient} onSaved={saved} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <DemographicsView patient={patient} />
          {canEdit && (
            <Button
              onClick={() => {
                setStatus(null);
                setEditing(true);
              }}
            >
              Edit details
            </Button>
          )}
        </>
      )}
    </Section>
  );
}
