import { useCallback } from 'react';
import type { AppServices, View } from '../app-services.ts';
import { useCollections } from '../collections/use-collections.ts';
import { useExport } from '../export/use-export.ts';
import { useRestore } from '../export/use-restore.ts';
import { useFileDrop } from '../library/use-file-drop.ts';
import { useImport } from '../library/use-import.ts';
import { usePasteImport } from '../library/use-paste-import.ts';
import { useReadingStates } from '../reading/use-reading-states.ts';
import { useAppCommands } from './use-app-commands.ts';

/**
 * Documents in and out of the notebook: import (dialog, clipboard, paste, drop), export and
 * backup, restore, collections and reading positions, and the File menu's commands that start
 * them.
 */
export function useDocumentFlows(
  { notify, onError, offerUndo }: Pick<AppServices, 'notify' | 'onError' | 'offerUndo'>,
  {
    openDocument,
    selectedId,
    navigate,
  }: { openDocument(id: string): void; selectedId: string | null; navigate(view: View): void },
) {
  const importer = useImport({ notify, onError, offerUndo }, openDocument);
  const { fromFiles, fromPaste, fromDialog, fromClipboard } = importer;
  const dropFiles = useCallback((files: File[]) => void fromFiles(files), [fromFiles]);
  const dragging = useFileDrop(dropFiles);
  usePasteImport(fromPaste);
  const exporter = useExport({ onError });
  const collections = useCollections({ notify, onError, offerUndo });
  const reading = useReadingStates(onError);
  const restorer = useRestore({ notify, onError, offerUndo });
  const openExport = exporter.open;
  const chooseBackup = restorer.open;
  // The current document is what "Export…" means first; without one, the whole notebook.
  const exportHere = useCallback(
    () =>
      openExport({
        scope: selectedId ? { kind: 'document', documentId: selectedId } : { kind: 'notebook' },
      }),
    [openExport, selectedId],
  );
  const backUp = useCallback(
    () => openExport({ scope: { kind: 'notebook' }, format: 'json' }),
    [openExport],
  );
  const importFiles = useCallback(() => void fromDialog(), [fromDialog]);
  const importClipboard = useCallback(() => void fromClipboard(), [fromClipboard]);
  const restore = useCallback(() => void chooseBackup(), [chooseBackup]);
  useAppCommands({ importFiles, importClipboard, exportHere, backUp, restore, navigate });

  return { importer, exporter, restorer, collections, reading, dragging };
}
