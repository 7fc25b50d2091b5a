// A file from the API, read as it streams in and handed to the browser's downloads: an audit export, a
// patient's file.

/** The body stopped arriving before its end: what came is not the whole file, so none of it is saved. */
export class DownloadInterruptedError extends Error {
  constructor() {
    super('The download stopped before it was complete.');
    this.name = 'DownloadInterruptedError';
  }
}

/**
 * The file name a Content-Disposition header gives (RFC 6266: `filename*` over `filename`), without any
 * folder part; `fallback` when it gives none.
 */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*[^']*'[^']*'([^;]+)/i.exec(header)?.[1];
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  const base = name?.split(/[/\\]/).pop()?.trim();
  return base || fallback;
}

/** The whole body, reporting the bytes received so far as they arrive; throws DownloadInterruptedError if it is cut. */
export async function readBody(response: Response, onProgress: (bytes: number) => void): Promise<Blob> {
  const type = response.headers.get('Content-Type') ?? 'application/octet-stream';
  const reader = response.body?.getReader();
  if (!reader) return new Blob([], { type });
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress(received);
    }
  } catch {
    throw new DownloadInterruptedError();
  }
  return new Blob(chunks, { type });
}

/** How long a saved file's blob: address stays valid. */
const kKeepDownloadUrlMs = 60_000;

/** Hands the file to the browser's downloads. */
export function saveFile(file: Blob, filename: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Kept a while: the browser reads the file after the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), kKeepDownloadUrlMs);
}
