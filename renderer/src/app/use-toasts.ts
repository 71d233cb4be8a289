import { useCallback, useRef, useState } from 'react';
import type { ToastMessage } from '../ui/Toasts.tsx';

const TOAST_MS = 7000;

/**
 * The notices at the bottom of the window: each sticky one until dismissed, and the two newest
 * others for a few seconds. `onError` turns any failure into an error notice.
 */
export function useToasts() {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const nextToast = useRef(1);
  const dismiss = useCallback(
    (id: number) => setToasts((all) => all.filter((t) => t.id !== id)),
    [],
  );
  const notify = useCallback(
    (toast: Omit<ToastMessage, 'id'>) => {
      const id = nextToast.current++;
      setToasts((all) => {
        const others = all.filter((t) => !t.sticky);
        return [...all.filter((t) => t.sticky), ...others.slice(-2), { ...toast, id }];
      });
      if (!toast.sticky) window.setTimeout(() => dismiss(id), TOAST_MS);
      return id;
    },
    [dismiss],
  );
  const onError = useCallback(
    (error: unknown) =>
      notify({ tone: 'error', message: error instanceof Error ? error.message : String(error) }),
    [notify],
  );
  return { toasts, notify, dismiss, onError };
}

export type Notices = ReturnType<typeof useToasts>;
