import { useId, useState, type KeyboardEvent } from 'react';
import { apiErrorMessage } from '../../../api/errors';
import { Button } from '../../../components/Button';
import { patientName } from '../../../lib/format';
import { findPatients } from '../meetings-api';
import type { Patient } from '../types';
import { mergeById, patientQueries } from './patient-search';

interface PatientPickerProps {
  chosen: Patient | null;
  onChoose(patient: Patient): void;
  /** The form's error about `patient_id`. */
  error?: string | null;
}

/**
 * Finds a patient and picks one. It sits inside the proposal form, so Enter in the search box searches
 * instead of submitting. The search term goes only to the API, never into the page's address.
 */
export function PatientPicker({ chosen, onChoose, error }: PatientPickerProps) {
  const id = useId();
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<Patient[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const errorId = `${id}-error`;

  async function search() {
    const queries = patientQueries(term);
    if (queries.length === 0) {
      setSearchError('Type a name, MRN or date of birth.');
      return;
    }
    setSearching(true);
    setSearchError(null);
    try {
      const found = mergeById(await Promise.all(queries.map((query) => findPatients(query))));
      setResults(found.filter((patient) => patient.status !== 'merged'));
    } catch (err) {
      setSearchError(apiErrorMessage(err));
    } finally {
      setSearching(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void search();
  }

  return (
    <fieldset className="patient-picker" aria-describedby={error ? errorId : undefined}>
      <legend>Patient</legend>
      <p className="patient-picker__chosen">
        {chosen ? (
          <>
            Chosen: <strong>{patientName(chosen)}</strong>, born {chosen.birth_date}, MRN {chosen.mrn}
          </>
        ) : (
          'No patient chosen yet.'
        )}
      </p>
      <div className="inline-form">
        <div className="field">
          <label htmlFor={`${id}-term`}>Find a patient</label>
          <p className="field__hint" id={`${id}-hint`}>
            Name, MRN or date of birth (YYYY-MM-DD).
          </p>
          <input
            id={`${id}-term`}
            type="search"
            autoComplete="off"
            value={term}
            aria-describedby={[`${id}-hint`, searchError ? `${id}-search-error` : '', error ? errorId : '']
              .filter(Boolean)
              .join(' ')}
            aria-invalid={searchError || error ? true : undefined}
            onChange={(event) => setTerm(event.target.value)}
            onKeyDown={onKeyDown}
          />
          {searchError && (
            <p className="field__error" id={`${id}-search-error`}>
              {searchError}
            </p>
          )}
        </div>
        <Button onClick={search} busy={searching}>
          Search
        </Button>
      </div>
      <div role="status" className="patient-picker__results">
        {results !== null && results.length === 0 && <p>No patients found.</p>}
        {results !== null && results.length > 0 && <p className="visually-hidden">{results.length} patients found.</p>}
      </div>
      {results !== null && results.length > 0 && (
        <ul className="patient-picker__list">
          {results.map((patient) => (
            <li key={patient.id}>
              <label>
                <input
                  type="radio"
                  name="patient_id"
                  value={patient.id}
                  checked={chosen?.id === patient.id}
                  onChange={() => onChoose(patient)}
                />{' '}
                <strong>{patientName(patient)}</strong>, born {patient.birth_date}, MRN {patient.mrn}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
