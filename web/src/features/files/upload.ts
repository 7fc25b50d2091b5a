// Sending a file's bytes as the request body, with progress. fetch() cannot report upload progress in every
// browser, so this is XMLHttpRequest, carrying what `api` carries: the client header, same-origin
// credentials and the access token, refreshed once and retried once on a 401 as authFetch does.
import { ApiError, apiErrorFromResponse, apiErrorMessage, capitalise, networkError } from '../../api/errors';
import { apiBaseUrl, clientHeaders } from '../../api/http';
import { getAccessToken, refreshSession } from '../../api/session-token';
import type { StoredFile } from './api';

export interface UploadProgress {
  sent: number;
  total: number;
}

interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  body: unknown;
}

function headersOf(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr.getAllResponseHeaders().split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

function parseBody(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function send(
  path: string,
  file: File,
  token: string | null,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was stopped.', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${apiBaseUrl}${path}`);
    // Same origin: XMLHttpRequest sends the session cookie as fetch's 'same-origin' does, and nowhere else.
    for (const [name, value] of Object.entries(clientHeaders)) xhr.setRequestHeader(name, value);
    if (token !== null) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (event) =>
      onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : file.size });
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        statusText: xhr.statusText,
        headers: headersOf(xhr),
        body: parseBody(xhr.responseText),
      });
    xhr.onerror = () => reject(networkError());
    xhr.onabort = () => reject(new DOMException('The upload was stopped.', 'AbortError'));
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    xhr.onloadend = () => signal?.removeEventListener('abort', abort);
    xhr.send(file);
  });
}

/**
 * Uploads `file` to `path` (uploadPath()), its name in X-File-Name, percent-encoded; resolves to the stored
 * file or throws an ApiError (413, 415, 400 with the server's message) or an AbortError.
 */
export async function uploadFile(
  path: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<StoredFile> {
  const sentToken = getAccessToken();
  let answer = await send(path, file, sentToken, onProgress, signal);
  // As authFetch: without a token a 401 is the real answer; another call may have refreshed meanwhile.
  if (answer.status === 401 && sentToken !== null) {
    const refreshed = getAccessToken() !== sentToken || (await refreshSession());
    if (refreshed) {
      onProgress({ sent: 0, total: file.size });
      answer = await send(path, file, getAccessToken(), onProgress, signal);
    }
  }
  if (answer.status < 200 || answer.status >= 300) throw refusalError(answer);
  return answer.body as StoredFile;
}

/** Refusals whose server message is written for the person uploading (the limit, the type, the name). */
const kRefusalCodes: ReadonlySet<string> = new Set(['payload_too_large', 'unsupported_media_type', 'invalid_argument']);

const kRefusalsWithoutWords: Record<number, string> = {
  413: 'The file is larger than the server accepts.',
  415: 'The server does not accept this type of file.',
};

function refusalError(answer: Answer): ApiError {
  const response = new Response(null, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
  });
  const err = apiErrorFromResponse(response, answer.body);
  const fromServer = (answer.body as { error?: { message?: string } } | null)?.error?.message;
  const instead = kRefusalsWithoutWords[answer.status];
  // A proxy in front of the server may refuse a large body with a page, not the API's JSON.
  if (!fromServer && instead) {
    return new ApiError({ status: err.status, code: err.code, message: instead, requestId: err.requestId });
  }
  return err;
}

/** Why an upload failed, for the person: the server's words for a refused file, else apiErrorMessage's. */
export function uploadErrorMessage(err: unknown): string {
  if (err instanceof ApiError && kRefusalCodes.has(err.code) && err.message) return capitalise(err.message);
  return apiErrorMessage(err);
}
