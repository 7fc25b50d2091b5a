// Files as the API has them: a patient's (with those of their agenda items) or one agenda item's.
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type StoredFile = components['schemas']['File'];

/** Where files are listed and uploaded to. */
export type FileTarget = { patientId: string } | { meetingId: string; itemId: string };

export async function listFiles(target: FileTarget, signal?: AbortSignal): Promise<StoredFile[]> {
  const listed =
    'patientId' in target
      ? await call(
          api.GET('/api/v1/patients/{patient_id}/files', {
            params: { path: { patient_id: target.patientId } },
            signal,
          }),
        )
      : await call(
          api.GET('/api/v1/meetings/{meeting_id}/agenda/{item_id}/files', {
            params: { path: { meeting_id: target.meetingId, item_id: target.itemId } },
            signal,
          }),
        );
  return listed.files;
}

/** The upload address of a target (ids only: the file's name travels in a header). */
export function uploadPath(target: FileTarget): string {
  return 'patientId' in target
    ? `/api/v1/patients/${encodeURIComponent(target.patientId)}/files`
    : `/api/v1/meetings/${encodeURIComponent(target.meetingId)}/agenda/${encodeURIComponent(target.itemId)}/files`;
}

/** Starts a download; resolves to the response once its headers are in, the body still streaming. */
export function requestContent(fileId: string): Promise<Response> {
  const pending = api.GET('/api/v1/files/{file_id}/content', {
    params: { path: { file_id: fileId } },
    parseAs: 'stream',
  });
  // `call` turns a refusal into an ApiError; the body is read by the caller, as it arrives.
  return call(pending.then((result) => ({ ...result, data: result.response })));
}
