import { Link } from 'react-router-dom';
import { ApiError, apiErrorMessage } from '../../api/errors';
import { Button } from '../../components/Button';
import { FormError } from '../../components/FormError';
import { PageHeading } from '../../components/PageHeading';

/**
 * A meeting that could not be loaded. Not found and not allowed read the same: whether a meeting exists is
 * not for everyone to know.
 */
export function MeetingUnavailable({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const missing = error instanceof ApiError && (error.code === 'not_found' || error.code === 'permission_denied');
  if (missing) {
    return (
      <>
        <PageHeading title="Meeting not found" />
        <p>There is no meeting at this address that you can open.</p>
        <p>
          <Link to="/meetings">Go to the meetings</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading title="Meeting" />
      <FormError message={apiErrorMessage(error)} />
      <Button onClick={onRetry}>Try again</Button>
    </>
  );
}

/** A part of a meeting this person's role does not include. */
export function MeetingPartNotAvailable({ what }: { what: string }) {
  return (
    <>
      <PageHeading title="Not available" />
      <p>{what} is not part of your role in this meeting.</p>
      <p>
        <Link to="/meetings">Go to the meetings</Link>
      </p>
    </>
  );
}
