import { ecogLabels, triageLabels } from './labels';
import type { AgendaEntry } from './types';

/** What the board is asked about one patient. A guest's items carry no MRN, so none is shown. */
export function ProformaFacts({ item }: { item: AgendaEntry }) {
  const { patient } = item;
  return (
    <dl className="facts">
      <dt>Born</dt>
      <dd>
        {patient.birth_date}
        {patient.sex && patient.sex !== 'unknown' ? `, ${patient.sex}` : ''}
      </dd>
      {patient.mrn && (
        <>
          <dt>MRN</dt>
          <dd>{patient.mrn}</dd>
        </>
      )}
      {item.triage && (
        <>
          <dt>Triage</dt>
          <dd>{triageLabels[item.triage]}</dd>
        </>
      )}
      <dt>Question for the board</dt>
      <dd>{item.clinical_question}</dd>
      <dt>Summary</dt>
      <dd>{item.summary}</dd>
      <dt>ECOG</dt>
      <dd>{ecogLabels[item.ecog] ?? item.ecog}</dd>
      {item.comorbidities && (
        <>
          <dt>Comorbidities</dt>
          <dd>{item.comorbidities}</dd>
        </>
      )}
      {item.investigations && (
        <>
          <dt>Investigations</dt>
          <dd>{item.investigations}</dd>
        </>
      )}
    </dl>
  );
}
