// Exporting the audit trail as a file, in the formats the API offers.
import { requestExport, type AuditQuery, type ExportFormat } from './api';
import { filenameFromDisposition, readBody, saveFile } from '../../lib/download';

export const exportFormats: readonly { format: ExportFormat; label: string; extension: string }[] = [
  { format: 'csv', label: 'CSV', extension: 'csv' },
  { format: 'jsonl', label: 'JSON Lines', extension: 'jsonl' },
  { format: 'fhir', label: 'FHIR', extension: 'json' },
];

export interface ExportedFile {
  filename: string;
  bytes: number;
}

/** Exports the records matching `query` and saves them as the server's file. */
export async function exportTrail(
  format: ExportFormat,
  query: AuditQuery,
  onProgress: (bytes: number) => void,
): Promise<ExportedFile> {
  const response = await requestExport(format, query);
  const extension = exportFormats.find((candidate) => candidate.format === format)?.extension ?? format;
  const filename = filenameFromDisposition(response.headers.get('Content-Disposition'), `consilium-audit.${extension}`);
  const file = await readBody(response, onProgress);
  saveFile(file, filename);
  return { filename, bytes: file.size };
}
