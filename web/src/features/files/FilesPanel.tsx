import { useCallback, useState } from 'react';
import { apiErrorMessage } from '../../api/errors';
import { useSession } from '../../auth/auth-context';
import { EmptyState } from '../../components/EmptyState';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { StatusMessage } from '../../components/StatusMessage';
import { useApiData } from '../../components/useApiData';
import { formatBytes } from '../../lib/format';
import { may } from './access';
import { listFiles, type FileTarget, type StoredFile } from './api';
import { downloadErrorMessage, downloadFile, saveName } from './download';
import { FileTable } from './FileTable';
import { UploadArea } from './UploadArea';
import './files.css';

interface FilesPanelProps {
  target: FileTarget;
  /** For the table's caption and the drop zone's name: "this patient's record", "this agenda item". */
  destination: string;
  nameOf(userId: string): string;
  /** False where nothing may be added (a merged patient's record): the list alone. */
  takesUploads?: boolean;
}

/**
 * The files of a patient or an agenda item, newest first: listed for those who may read files, downloadable
 * for those who may download them, with an upload area for those who may upload. Nothing for anyone else.
 */
export function FilesPanel(props: FilesPanelProps) {
  const { role } = useSession();
  if (!may(role, 'read')) return null;
  return <Files {...props} />;
}

function Files({ target, destination, nameOf, takesUploads = true }: FilesPanelProps) {
  const { role } = useSession();
  const key = 'patientId' in target ? target.patientId : `${target.meetingId}/${target.itemId}`;
  const list = useApiData((signal) => listFiles(target, signal), [key]);
  const [downloading, setDownloading] = useState<{ id: string; bytes: number } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { setData } = list;

  const added = useCallback(
    (file: StoredFile) => setData((current) => [file, ...(current ?? []).filter((f) => f.id !== file.id)]),
    [setData],
  );

  async function download(file: StoredFile) {
    setDownloading({ id: file.id, bytes: 0 });
    setStatus(`Downloading ${file.name}…`);
    setError(null);
    try {
      await downloadFile(file, (bytes) => setDownloading({ id: file.id, bytes }));
      setStatus(`Downloaded ${saveName(file.name)} (${formatBytes(file.size_bytes)}).`);
    } catch (err) {
      setStatus(null);
      setError(downloadErrorMessage(err));
    } finally {
      setDownloading(null);
    }
  }

  return (
    <div className="files-panel">
      <FormError message={list.error ? apiErrorMessage(list.error) : null} />
      {list.data === undefined ? (
        list.loading && <Loading label="Loading the files…" />
      ) : list.data.length === 0 ? (
        <EmptyState title="No files yet" />
      ) : (
        <FileTable
          files={list.data}
          caption={`Files of ${destination}, newest first`}
          showOrigin={'patientId' in target}
          nameOf={nameOf}
          onDownload={may(role, 'download') ? (file) => void download(file) : null}
          downloading={downloading}
        />
      )}
      <StatusMessage message={status} />
      <FormError message={error} />
      {takesUploads && may(role, 'upload') && (
        <UploadArea target={target} destination={destination} onUploaded={added} />
      )}
    </div>
  );
}
