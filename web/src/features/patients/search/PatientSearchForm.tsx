import { api, call } from '../../../api/client';
import { Button } from '../../../components/Button';
import { Field } from '../../../components/Field';
import { FormError } from '../../../components/FormError';
import { FormSubmitError } from '../../../components/form-errors';
import { useApiForm } from '../../../components/useApiForm';
import type { Patient } from '../model';
import { emptySearchTerms, searchQuery, type SearchQuery } from './search-terms';
import './search.css';

export interface SearchResults {
  query: SearchQuery;
  items: Patient[];
  nextCursor: string | null;
}

export async function findPatients(query: SearchQuery, cursor?: string): Promise<SearchResults> {
  const page = await call(api.GET('/api/v1/patients', { params: { query: cursor ? { ...query, cursor } : query } }));
  return { query, items: (page.items ?? []) as Patient[], nextCursor: page.next_cursor };
}

interface PatientSearchFormProps {
  onResults(results: SearchResults): void;
  /** Names the form for assistive technology when a page has more than one. */
  label?: string;
}

/** Finds patients by name, MRN, date of birth or identifier. */
export function PatientSearchForm({ onResults, label = 'Find a patient' }: PatientSearchFormProps) {
  const form = useApiForm({
    initialValues: emptySearchTerms,
    async onSubmit(terms) {
      const query = searchQuery(terms);
      if (query === null) throw new FormSubmitError('Fill in at least one of name, MRN, date of birth or identifier.');
      onResults(await findPatients(query));
    },
  });

  return (
    <form className="patient-search" role="search" aria-label={label} onSubmit={form.handleSubmit} noValidate>
      <FormError message={form.formError} />
      <div className="patient-search__fields">
        <Field
          label="Name"
          hint="The start of the family or given name"
          autoComplete="off"
          spellCheck={false}
          {...form.field('name')}
        />
        <Field label="MRN" autoComplete="off" spellCheck={false} {...form.field('mrn')} />
        <Field label="Date of birth" type="date" {...form.field('birth_date')} />
        <Field
          label="Other identifier"
          hint="system|value"
          autoComplete="off"
          spellCheck={false}
          {...form.field('identifier')}
        />
      </div>
      <Button type="submit" variant="primary" busy={form.submitting}>
        Search
      </Button>
    </form>
  );
}
