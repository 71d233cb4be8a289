import { useCallback, useState } from 'react';
import type { RestorePreviewInfo } from '../../../shared/contract.ts';
import { describeRestore } from '../../../shared/export/restore-summary.ts';
import type { AppServices } from '../app-services.ts';
import { call } from '../notebook-client.ts';

export interface Restorer {
  preview: RestorePreviewInfo | null;
  busy: boolean;
  /** Choose a backup (native Open dialog) and show what restoring it would change. */
  choose(): Promise<void>;
  apply(mode: 'merge' | 'replace'): Promise<void>;
  close(): void;
}

/** Restore from a backup: preview, then apply with Undo. */
export function useRestore({
  notify,
  onError,
  offerUndo,
}: Pick<AppServices, 'notify' | 'onError' | 'offerUndo'>): Restorer {
  const [preview, setPreview] = useState<RestorePreviewInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = useCallback(async () => {
    setBusy(true);
    try {
      setPreview(await call('previewRestore', {}));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  }, [onError]);

  const apply = useCallback(
    async (mode: 'merge' | 'replace') => {
      if (!preview) return;
      setBusy(true);
      try {
        const { preview: done, undoToken } = await call('applyRestore', {
          token: preview.token,
          mode,
        });
        setPreview(null);
        const verb = mode === 'merge' ? 'Backup merged' : 'Notebook replaced by the backup';
        offerUndo(`${verb}: ${describeRestore(done)}.`, 'restore from backup', async () => {
          await call('undoRestore', { undoToken });
          notify({ tone: 'info', message: 'The notebook is back as it was before the restore.' });
        });
      } catch (error) {
        onError(error);
      } finally {
        setBusy(false);
      }
    },
    [preview, notify, onError, offerUndo],
  );

  const close = useCallback(() => setPreview(null), []);
  return { preview, busy, choose, apply, close };
}
