import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import './Dialog.css';

interface DialogProps {
  title: string;
  /** Escape, the Cancel button or a finished action: the parent stops rendering the dialog. */
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog> element: it traps focus, closes on Escape and sits above the page.
 * Render it only while it is open; focus goes back to where it was when it closes.
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement as HTMLElement | null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="dialog__actions">{children}</div>;
}
