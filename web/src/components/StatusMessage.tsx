import './StatusMessage.css';

/**
 * Announces the outcome of an action ("Saved"). The live region stays in the page even when empty,
 * because screen readers only announce changes to a region they already know.
 */
export function StatusMessage({ message }: { message: string | null | undefined }) {
  return (
    <div
      className={message ? 'status-message status-message--shown' : 'status-message'}
      role="status"
      aria-live="polite"
    >
      {message}
    </div>
  );
}
