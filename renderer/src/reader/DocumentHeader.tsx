import type { ReactNode } from 'react';
import { citationLine } from '../../../shared/format.ts';
import type { NotebookDocument } from '../../../shared/model.ts';

/** The document's title, its actions beside it, and its citation line, above its text. */
export function DocumentHeader({
  document,
  actions,
}: {
  document: NotebookDocument;
  actions?: ReactNode;
}) {
  return (
    <header className="doc-header">
      <div className="doc-title-row">
        <h1>{document.title || 'Untitled document'}</h1>
        {actions && <div className="doc-actions">{actions}</div>}
      </div>
      <p className="doc-meta">{citationLine(document)}</p>
    </header>
  );
}
