import type { NotebookDocument } from '../../../shared/model.ts';
import type { DocumentDetails } from './DocumentDetailsDialog.tsx';

/**
 * The details a change replaces, as they were before it: what its undo writes back. A document
 * without a bibliographic record gives `csl: null`, so undoing an added record removes it.
 */
export function detailsBefore(document: NotebookDocument, changes: Partial<DocumentDetails>) {
  return Object.fromEntries(
    Object.keys(changes).map((key) => [
      key,
      key === 'csl' ? (document.csl ?? null) : document[key as keyof DocumentDetails],
    ]),
  );
}
