import { useState } from 'react';
import { apiErrorMessage } from '../../../api/errors';
import { useSession } from '../../../auth/auth-context';
import { Button } from '../../../components/Button';
import { ButtonLink } from '../../../components/ButtonLink';
import { EmptyState } from '../../../components/EmptyState';
import { FormError } from '../../../components/FormError';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { may } from '../access';
import { PatientResults } from './PatientResults';
import { findPatients, PatientSearchForm, type SearchResults } from './PatientSearchForm';
import { describeResults } from './search-terms';

export function PatientSearchPage() {
  const { role } = useSession();
  // Kept in this component only: search terms identify patients and must not reach the URL or history.
  const [results, setResults] = useState<SearchResults | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  async function showMore() {
    if (!results?.nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await findPatients(results.query, results.nextCursor);
      setResults({ ...next, items: [...results.items, ...next.items] });
    } catch (err) {
      setMoreError(apiErrorMessage(err));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      <PageHeading title="Patients">
        {may(role, 'editPatients') && <ButtonLink to="/patients/new">Register a patient</ButtonLink>}
      </PageHeading>
      <PatientSearchForm
        onResults={(found) => {
          setMoreError(null);
          setResults(found);
        }}
      />
      <StatusMessage message={results && describeResults(results.items.length, results.nextCursor !== null)} />
      {results &&
        (results.items.length === 0 ? (
          <EmptyState title="No patients match">
            <p>Check the spelling, or search by MRN or date of birth instead.</p>
          </EmptyState>
        ) : (
          <>
            <PatientResults patients={results.items} caption="Patients found" />
            <FormError message={moreError} />
            {results.nextCursor && (
              <p>
                <Button onClick={showMore} busy={loadingMore}>
                  Show more patients
                </Button>
              </p>
            )}
          </>
        ))}
    </>
  );
}
