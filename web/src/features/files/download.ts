// Downloading a stored file: fetched through `api` (the token and its refresh as for any call), read as it
// streams in, and saved under the file's name only when all of it came.
import { apiErrorMessage } from '../../api/errors';
import { DownloadInterruptedError, readBody, saveFile } from '../../lib/download';
import { requestContent, type StoredFile } from './api';

/** The name to save under: the stored name without any folder part. */
export function saveName(name: string): string {
  return name.split(/[/\\]/).pop()?.trim() || 'file';
}

export async function downloadFile(file: StoredFile, onProgress: (bytes: number) => void): Promise<void> {
  const response = await requestContent(file.id);
  const content = await readBody(response, onProgress);
  // A body cut where a chunk ends reads as complete: the size on record tells.
  if (content.size !== file.size_bytes) throw new DownloadInterruptedError();
  saveFile(content, saveName(file.name));
}

export function downloadErrorMessage(err: unknown): string {
  if (err instanceof DownloadInterruptedError) {
    return 'The download stopped before it was complete, so nothing was saved. Please try again.';
  }
  return apiErrorMessage(err);
}
