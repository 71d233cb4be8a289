import { IconButton } from './IconButton.tsx';

export interface ToastMessage {
  id: number;
  message: string;
  tone: 'info' | 'error';
  /** Stays until dismissed (or replaced); never pushed out by newer notices. */
  sticky?: boolean;
  action?: { label: string; run: () => void };
}

export function Toasts({
  toasts,
  onDismiss,
}: {
  toasts: readonly ToastMessage[];
  onDismiss: (id: number) => void;
}) {
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.tone}`}
          role={toast.tone === 'error' ? 'alert' : 'status'}
        >
          <span>{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              onClick={() => {
                toast.action?.run();
                onDismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <IconButton label="Dismiss" onClick={() => onDismiss(toast.id)}>
            ×
          </IconButton>
        </div>
      ))}
    </div>
  );
}
