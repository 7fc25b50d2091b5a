import { useId, useState } from 'react';
import { apiErrorMessage } from '../../api/errors';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { StatusMessage } from '../../components/StatusMessage';
import type { AuditQuery, ExportFormat } from './api';
import { DownloadInterruptedError } from '../../lib/download';
import { formatBytes } from '../../lib/format';
import { exportFormats, exportTrail } from './export';

interface ExportState {
  running: ExportFormat | null;
  bytes: number;
  status: string | null;
  error: string | null;
}

const kIdle: ExportState = { running: null, bytes: 0, status: null, error: null };

/** Exports the records the applied filters match, oldest first, as a file; null `query` while none are applied. */
export function ExportButtons({ query }: { query: AuditQuery | null }) {
  const labelId = useId();
  const [state, setState] = useState<ExportState>(kIdle);

  async function start(format: ExportFormat, label: string) {
    if (query === null) return;
    setState({ ...kIdle, running: format, status: `Exporting as ${label}…` });
    try {
      const file = await exportTrail(format, query, (bytes) => setState((current) => ({ ...current, bytes })));
      setState({ ...kIdle, status: `Downloaded ${file.filename} (${formatBytes(file.bytes)}).` });
    } catch (err) {
      setState({ ...kIdle, error: exportErrorMessage(err) });
    }
  }

  return (
    <div className="audit-export">
      <div className="audit-export__buttons" role="group" aria-labelledby={labelId}>
        <span id={labelId} className="audit-export__label">
          Export (oldest first):
        </span>
        {exportFormats.map(({ format, label }) => (
          <Button
            key={format}
            busy={state.running === format}
            disabled={query === null || (state.running !== null && state.running !== format)}
            onClick={() => void start(format, label)}
          >
            Export {label}
          </Button>
        ))}
        {state.running && <span className="audit-export__progress">{formatBytes(state.bytes)} received</span>}
      </div>
      <StatusMessage message={state.status} />
      <FormError message={state.error} />
    </div>
  );
}

function exportErrorMessage(err: unknown): string {
  if (err instanceof DownloadInterruptedError) {
    return 'The export stopped before it was complete, so nothing was saved. Please try again.';
  }
  return apiErrorMessage(err);
}
