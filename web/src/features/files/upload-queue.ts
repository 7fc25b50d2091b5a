// The uploads of one drop or choice, and of those before it: each file waits its turn, is sent with progress,
// and ends uploaded, refused before sending, or failed, with a line that says so.
import { formatBytes } from '../../lib/format';

export type UploadPhase = 'refused' | 'waiting' | 'sending' | 'uploaded' | 'failed';

export interface Upload {
  id: number;
  name: string;
  size: number;
  phase: UploadPhase;
  /** Bytes sent so far, while sending. */
  sent: number;
  /** Why it was refused or failed. */
  message: string | null;
}

export type UploadEvent =
  | { type: 'added'; uploads: Upload[] }
  | { type: 'started'; id: number }
  | { type: 'progress'; id: number; sent: number }
  | { type: 'uploaded'; id: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'cleared' };

/** A new entry for a chosen file: refused at once (with why), or waiting to be sent. */
export function newUpload(id: number, file: Pick<File, 'name' | 'size'>, refusal: string | null): Upload {
  return {
    id,
    name: file.name,
    size: file.size,
    phase: refusal === null ? 'waiting' : 'refused',
    sent: 0,
    message: refusal,
  };
}

export function uploadsReducer(uploads: readonly Upload[], event: UploadEvent): Upload[] {
  const update = (id: number, change: Partial<Upload>) =>
    uploads.map((upload) => (upload.id === id ? { ...upload, ...change } : upload));
  switch (event.type) {
    case 'added':
      return [...uploads, ...event.uploads];
    case 'started':
      return update(event.id, { phase: 'sending', sent: 0 });
    case 'progress':
      return update(event.id, { sent: event.sent });
    case 'uploaded':
      return update(event.id, { phase: 'uploaded', sent: uploads.find((u) => u.id === event.id)?.size ?? 0 });
    case 'failed':
      return update(event.id, { phase: 'failed', message: event.message });
    case 'cleared':
      // Only what has finished goes: a file waiting or being sent stays in view.
      return uploads.filter((upload) => upload.phase === 'waiting' || upload.phase === 'sending');
  }
}

/** The next file to send, oldest first; none while one is being sent. */
export function nextToSend(uploads: readonly Upload[]): Upload | undefined {
  if (uploads.some((upload) => upload.phase === 'sending')) return undefined;
  return uploads.find((upload) => upload.phase === 'waiting');
}

/** Whole per cent sent, never 100 before the server has answered. */
export function percentSent(upload: Pick<Upload, 'sent' | 'size' | 'phase'>): number {
  if (upload.phase === 'uploaded') return 100;
  if (upload.size <= 0) return 0;
  return Math.min(99, Math.floor((upload.sent / upload.size) * 100));
}

/** What the line of an upload says. */
export function uploadText(upload: Upload): string {
  switch (upload.phase) {
    case 'waiting':
      return 'Waiting to upload';
    case 'sending':
      return upload.sent >= upload.size
        ? 'Sent; the server is storing it…'
        : `Uploading: ${formatBytes(upload.sent)} of ${formatBytes(upload.size)} (${percentSent(upload)}%)`;
    case 'uploaded':
      return `Uploaded (${formatBytes(upload.size)})`;
    case 'refused':
      return `Not uploaded: ${upload.message ?? ''}`;
    case 'failed':
      return `Upload failed: ${upload.message ?? ''}`;
  }
}
