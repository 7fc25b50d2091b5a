// What a change record says changed, field by field, as the audit screen shows it.
import type { AuditEvent } from './api';

export interface ValueChange {
  field: string;
  before: string;
  after: string;
}

// Clinical free text is recorded only as a keyed fingerprint (docs/decisions/0005-key-hierarchy.md).
const sealedTextPattern = /^hmac-sha256:[0-9a-f]{16}$/;

/**
 * A recorded value as text: strings as they are, anything else as JSON; "(none)" when it was not there.
 * Clinical text shows as sealed, with the start of its fingerprint, so that a change still shows.
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'string' && sealedTextPattern.test(value)) {
    return `(clinical text, sealed: ${value.slice('hmac-sha256:'.length, 'hmac-sha256:'.length + 6)})`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The changed fields with their values before and after. A record that names no changed fields (a
 * creation, say) shows every field it holds. Empty when the values are withheld.
 */
export function valueChanges(event: Pick<AuditEvent, 'changed_fields' | 'before' | 'after'>): ValueChange[] {
  if (event.before === null && event.after === null) return [];
  const before = event.before ?? {};
  const after = event.after ?? {};
  const fields =
    event.changed_fields.length > 0
      ? event.changed_fields
      : [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((field) => ({ field, before: formatValue(before[field]), after: formatValue(after[field]) }));
}
