import { useState, type ReactNode } from 'react';
import { apiErrorMessage } from '../api/errors';
import { Button } from './Button';
import { Dialog, DialogActions } from './Dialog';
import { FormError } from './FormError';

interface ConfirmDialogProps {
  title: string;
  /** The button that does it, e.g. "Disable". */
  confirmLabel: string;
  danger?: boolean;
  /** Runs the action; a failure is shown in the dialog, which stays open. */
  onConfirm(): Promise<void>;
  onClose(): void;
  children: ReactNode;
}

/** Asks before an action that is hard to undo. Focus starts on Cancel, the safe choice. */
export function ConfirmDialog({
  title,
  confirmLabel,
  danger = false,
  onConfirm,
  onClose,
  children,
}: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (err) {
      setError(apiErrorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <FormError message={error} />
      {children}
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant={danger ? 'danger' : 'primary'} busy={busy} onClick={confirm}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
