import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal confirmation on the native <dialog>: the page behind is inert, Escape cancels, Cancel
 * has the focus so Enter never destroys by accident, and focus goes back where it was on cancel.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const answered = useRef({ done: false, confirmed: false });
  const titleId = useId();
  const textId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // After Delete the caller decides where focus goes; after Cancel it returns.
      if (!answered.current.confirmed && opener instanceof HTMLElement && opener.isConnected)
        opener.focus();
    };
  }, []);

  const answer = (confirmed: boolean) => {
    if (answered.current.done) return;
    answered.current = { done: true, confirmed };
    if (confirmed) onConfirm();
    else onCancel();
  };

  return (
    <dialog
      ref={dialogRef}
      className="tm-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        answer(false);
      }}
      onClose={() => {
        // Closed by the browser rather than by a button; a stale event after reopening is not.
        if (!dialogRef.current?.open) answer(false);
      }}
    >
      <div className="tm-dialog-body">
        <svg
          className="tm-dialog-icon"
          viewBox="0 0 24 24"
          width="28"
          height="28"
          aria-hidden="true"
        >
          <path
            d="M12 3.5 21.5 20h-19z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinejoin="round"
          />
          <path d="M12 10v4.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="12" cy="17.2" r="1.1" fill="currentColor" />
        </svg>
        <div>
          <h2 id={titleId}>{title}</h2>
          <div id={textId} className="tm-dialog-text">
            {children}
          </div>
        </div>
      </div>
      <div className="tm-dialog-buttons">
        <button ref={cancelRef} type="button" onClick={() => answer(false)}>
          Cancel
        </button>
        <button type="button" className="tm-destructive" onClick={() => answer(true)}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
