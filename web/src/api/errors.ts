// One error type for every failed API call, whatever went wrong.
export type ApiErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'precondition_failed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'internal'
  | 'unavailable'
  | 'network';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly requestId: string | null;
  /** Seconds from Retry-After on 429 and 503, when the server sent it. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: ApiErrorCode;
    message: string;
    requestId?: string | null;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; request_id?: string };
}

const codeByStatus: Record<number, ApiErrorCode> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
  503: 'unavailable',
};

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Builds the ApiError for a failed response from its already parsed JSON body (or anything else). */
export function apiErrorFromResponse(response: Response, body: unknown): ApiError {
  const error = (body as ErrorBody | null | undefined)?.error;
  return new ApiError({
    status: response.status,
    code: (error?.code as ApiErrorCode | undefined) ?? codeByStatus[response.status] ?? 'internal',
    message: error?.message ?? response.statusText,
    requestId: error?.request_id ?? response.headers.get('X-Request-Id'),
    retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

export function networkError(): ApiError {
  return new ApiError({ status: 0, code: 'network', message: 'The server could not be reached.' });
}

/** "in 3 minutes", "in 40 seconds": for telling people when to try again. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

// Server messages for these codes are written for the person using the app; the others are replaced.
export const codesWithUsefulMessages: ReadonlySet<ApiErrorCode> = new Set<ApiErrorCode>([
  'invalid_argument',
  'conflict',
  'permission_denied',
]);

/** Text to show a person for any error thrown by an API call. */
export function apiErrorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (codesWithUsefulMessages.has(err.code) && err.message) return capitalise(err.message);
  switch (err.code) {
    case 'network':
      return 'The server could not be reached. Check your connection and try again.';
    case 'unauthenticated':
      return 'Your session has ended. Please sign in again.';
    case 'not_found':
      return 'This record could not be found. It may have been removed, or it is not in this clinic.';
    case 'precondition_failed':
      return 'Someone else changed this record while you were editing. Reload it and make your change again.';
    case 'payload_too_large':
      return 'This is too large to send.';
    case 'too_many_requests':
      return err.retryAfterSeconds === null
        ? 'Too many attempts. Please wait a moment and try again.'
        : `Too many attempts. Please try again ${waitText(err.retryAfterSeconds)}.`;
    case 'unavailable':
      return 'The service is busy. Please try again in a moment.';
    default:
      return err.requestId
        ? `Something went wrong on the server (reference ${err.requestId}). Please try again.`
        : 'Something went wrong on the server. Please try again.';
  }
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
