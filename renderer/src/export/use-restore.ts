import { useCallback, useState } from 'react';
import type { BackupInfo, RestorePreviewInfo } from '../../../shared/contract.ts';
import { describeRestore } from '../../../shared/export/restore-summary.ts';
import type { AppServices } from '../app-services.ts';
import { call } from '../notebook-client.ts';

export interface Restorer {
  /** The backups beside the notebook, while the list is open. */
  backups: BackupInfo[] | null;
  preview: RestorePreviewInfo | null;
  busy: boolean;
  /** Show the backups beside the notebook to pick from. */
  open(): Promise<void>;
  closeList(): void;
  /** Preview a backup from the list by name, or (none) a file chosen in the Open dialog. */
  choose(name?: string): Promise<void>;
  apply(mode: 'merge' | 'replace'): Promise<void>;
  close(): void;
}

/** Restore from a backup: preview, then apply with Undo. */
export function useRestore({
  notify,
  onError,
  offerUndo,
}: Pick<AppServices, 'notify' | 'onError' | 'offerUndo'>): Restorer {
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [preview, setPreview] = useState<RestorePreviewInfo | null>(null);
  const [busy, setBusy] = useState(false);

  const open = useCallback(async () => {
    try {
      setBackups(await call('listBackups', {}));
    } catch (error) {
      onError(error);
    }
  }, [onError]);

  const choose = useCallback(
    async (name?: string) => {
      setBusy(true);
      try {
        const next = await call('previewRestore', name === undefined ? {} : { backup: name });
        if (next) {
          setBackups(null);
          setPreview(next);
        }
      } catch (error) {
        onError(error);
      } finally {
        setBusy(false);
      }
    },
    [onError],
  );

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
  const closeList = useCallback(() => setBackups(null), []);
  return { backups, preview, busy, open, closeList, choose, apply, close };
}
