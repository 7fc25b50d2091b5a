import { Button } from '../../components/Button';
import { formatBytes, formatDateTime } from '../../lib/format';
import type { StoredFile } from './api';
import { typeName } from './labels';

interface FileTableProps {
  files: readonly StoredFile[];
  caption: string;
  /** Whether the file came through one of the patient's agenda items (on the patient's page). */
  showOrigin: boolean;
  nameOf(userId: string): string;
  /** Null for people who may not download. */
  onDownload: ((file: StoredFile) => void) | null;
  /** The file being downloaded and the bytes received so far. */
  downloading: { id: string; bytes: number } | null;
}

export function FileTable({ files, caption, showOrigin, nameOf, onDownload, downloading }: FileTableProps) {
  return (
    <table className="files">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Size</th>
          <th scope="col">Uploaded</th>
          {onDownload && (
            <th scope="col">
              <span className="visually-hidden">Download</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.id}>
            <th scope="row" className="files__name">
              {file.name}
              {showOrigin && file.agenda_item_id && <span className="files__origin">From a meeting’s agenda</span>}
            </th>
            <td>{typeName(file.content_type)}</td>
            <td className="files__size">{formatBytes(file.size_bytes)}</td>
            <td>
              {formatDateTime(file.uploaded_at)}
              <span className="files__by">by {nameOf(file.uploaded_by)}</span>
            </td>
            {onDownload && (
              <td className="files__download">
                <Button
                  variant="link"
                  busy={downloading?.id === file.id}
                  disabled={downloading !== null && downloading.id !== file.id}
                  onClick={() => onDownload(file)}
                  aria-label={`Download ${file.name}`}
                >
                  Download
                </Button>
                {downloading?.id === file.id && (
                  <span className="files__progress">
                    {formatBytes(downloading.bytes)} of {formatBytes(file.size_bytes)}
                  </span>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
