import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, call } from '../../../api/client';
import { apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { Dialog, DialogActions } from '../../../components/Dialog';
import { FormError } from '../../../components/FormError';
import { Section } from '../../../components/Section';
import { patientName } from '../../../lib/format';
import { type Patient } from '../model';
import { PatientResults } from '../search/PatientResults';
import { PatientSearchForm, type SearchResults } from '../search/PatientSearchForm';
import { describeResults } from '../search/search-terms';
import './merge.css';

/** Merging a duplicate: this record goes into the one chosen, which keeps everything of both. */
export function MergeSection({ patient }: { patient: Patient }) {
  const [open, setOpen] = useState(false);
  return (
    <Section title="Duplicate record">
      <p>If this patient has another record in this clinic, merge this one into it. The other record is kept.</p>
      <Button onClick={() => setOpen(true)}>Merge into another record</Button>
      {open && <MergeDialog patient={patient} onClose={() => setOpen(false)} />}
    </Section>
  );
}

function MergeDialog({ patient, onClose }: { patient: Patient; onClose(): void }) {
  const navigate = useNavigate();
  const [results, setResults] = useState<SearchResults | null>(null);
  const [survivor, setSurvivor] = useState<Patient | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const candidates = results?.items.filter((candidate) => candidate.id !== patient.id) ?? [];

  async function merge(into: Patient) {
    setBusy(true);
    setError(null);
    try {
      const kept = await call(
        api.POST('/api/v1/patients/{id}/merge', { params: { path: { id: patient.id } }, body: { into: into.id } }),
      );
      onClose();
      navigate(`/patients/${kept.id}`, { state: { status: 'Merged the duplicate record into this one.' } });
    } catch (err) {
      setError(apiErrorMessage(err));
      setBusy(false);
    }
  }

  if (survivor) {
    return (
      <Dialog title="Merge the records?" onClose={onClose}>
        <FormError message={error} />
        <p>
          Merge <strong>{patientName(patient)}</strong> (MRN {patient.mrn}) into{' '}
          <strong>{patientName(survivor)}</strong> (MRN {survivor.mrn})?
        </p>
        <p>
          The record you are on becomes read-only and points to the other one, which gains its identifiers and MRN. This
          cannot be undone.
        </p>
        <DialogActions>
          <Button onClick={() => setSurvivor(null)} autoFocus>
            Choose another record
          </Button>
          <Button variant="danger" busy={busy} onClick={() => merge(survivor)}>
            Merge
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog title="Find the record to keep" onClose={onClose}>
      <div className="merge-dialog">
        <PatientSearchForm label="Find the record to keep" onResults={setResults} />
        <p role="status">{results && describeResults(candidates.length, results.nextCursor !== null)}</p>
        {candidates.length > 0 && (
          <PatientResults
            patients={candidates}
            caption="Records to merge into"
            actionHeading="Choose"
            action={(candidate) => (
              <Button onClick={() => setSurvivor(candidate)}>
                Choose<span className="visually-hidden"> {patientName(candidate)}</span>
              </Button>
            )}
          />
        )}
      </div>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
      </DialogActions>
    </Dialog>
  );
}
