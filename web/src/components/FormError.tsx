import './FormError.css';

/** An error about the whole form (not one field), announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert" tabIndex={-1}>
      {message}
    </div>
  );
}
