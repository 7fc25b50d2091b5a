import type { Identifier } from '../model';
import { RowsEditor } from '../shared/RowsEditor';

interface IdentifiersEditorProps {
  identifiers: Identifier[];
  onChange(identifiers: Identifier[]): void;
  error?: string | null;
}

export function IdentifiersEditor({ identifiers, onChange, error }: IdentifiersEditorProps) {
  return (
    <RowsEditor<Identifier>
      legend="Other identifiers"
      hint="Each is unique in this clinic. System is a URI such as https://fhir.nhs.uk/Id/nhs-number."
      rowName="identifier"
      addLabel="Add an identifier"
      columns={[
        { key: 'system', label: 'System', wide: true },
        { key: 'value', label: 'Value' },
      ]}
      rows={identifiers}
      emptyRow={{ system: '', value: '' }}
      onChange={onChange}
      error={error}
    />
  );
}
