import { useCallback, useState } from 'react';
import type { DocumentSummary, NotebookDocument } from '../../../shared/model.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import type { DocumentDetails } from './DocumentDetailsDialog.tsx';
import { detailsBefore } from './document-details.ts';
import { useDocumentSwitch } from './use-document-switch.ts';

/**
 * What the reader does to documents themselves, each undoable: edit the open one's details (the
 * dialog's state and its save), and delete one from the library beside it.
 */
export function useDocumentActions(
  document: NotebookDocument | null,
  selectedId: string | null,
  onSelect: (id: string) => void,
) {
  const { offerUndo, onError } = useApp();
  const [editingDetails, setEditingDetails] = useState(false);

  // Another document closes the details dialog: it was for the last one.
  useDocumentSwitch(selectedId, () => setEditingDetails(false));

  const saveDetails = useCallback(
    async (changes: Partial<DocumentDetails>) => {
      if (!document) return;
      const before = detailsBefore(document, changes);
      const id = document.id;
      await call('updateDocument', { id, ...changes });
      offerUndo('Document details saved.', 'edit details', async () => {
        await call('updateDocument', { id, ...before });
      });
    },
    [document, offerUndo],
  );

  const deleteDocument = useCallback(
    async (doc: DocumentSummary) => {
      try {
        const removed = await call('deleteDocument', { id: doc.id });
        offerUndo(`“${doc.title}” deleted.`, 'delete document', async () => {
          await call('restoreDocument', removed);
          onSelect(removed.document.id);
        });
      } catch (error) {
        onError(error);
      }
    },
    [offerUndo, onError, onSelect],
  );
  // Stable while its inputs are: the memoised library redraws only for changes of its own.
  const deleteFromLibrary = useCallback(
    (doc: DocumentSummary) => void deleteDocument(doc),
    [deleteDocument],
  );

  return { editingDetails, setEditingDetails, saveDetails, deleteFromLibrary };
}
