import { useId, useState } from 'react';
import type { RestorePreviewInfo } from '../../../shared/contract.ts';
import { plural } from '../../../shared/format.ts';
import { Modal } from '../ui/Modal.tsx';
import { RadioChoice } from '../ui/RadioChoice.tsx';
import { RestoreChangesTable } from './RestoreChangesTable.tsx';

/** What restoring a backup would change, merged or replacing, before anything changes. */
export function RestoreDialog({
  preview,
  busy,
  onApply,
  onClose,
}: {
  preview: RestorePreviewInfo;
  busy: boolean;
  onApply: (mode: 'merge' | 'replace') => void;
  onClose: () => void;
}) {
  const [mode, setMode] = useState<'merge' | 'replace'>('merge');
  const name = useId();
  const { counts } = preview;
  return (
    <Modal
      title="Restore from Backup"
      className="restore-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className={mode === 'replace' ? 'primary danger' : 'primary'}
            disabled={busy}
            onClick={() => onApply(mode)}
          >
            {mode === 'merge' ? 'Merge Backup' : 'Replace Notebook'}
          </button>
        </>
      }
    >
      <p className="restore-file">{preview.fileName}</p>
      <p className="restore-meta">
        {[
          preview.scope,
          preview.exportedAt && `saved ${new Date(preview.exportedAt).toLocaleString()}`,
          [
            plural(counts.documents, 'document'),
            plural(counts.annotations, 'quote'),
            plural(counts.tags, 'tag'),
            plural(counts.notes, 'note'),
          ].join(' · '),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <fieldset className="export-section">
        <legend>How</legend>
        <RadioChoice
          name={name}
          checked={mode === 'merge'}
          autoFocus
          onSelect={() => setMode('merge')}
          label="Merge into this notebook"
        >
          Adds what is new; where both have the same item, the more recently changed one wins.
          Nothing is deleted.
        </RadioChoice>
        <RadioChoice
          name={name}
          checked={mode === 'replace'}
          onSelect={() => setMode('replace')}
          label="Replace this notebook"
        >
          {preview.notebookEmpty
            ? 'The notebook is empty: it becomes exactly the backup.'
            : 'Everything now in the notebook is replaced by the backup.'}
        </RadioChoice>
      </fieldset>
      <RestoreChangesTable preview={preview[mode]} label="What will change" />
      <p className="export-hint">
        A copy of the notebook as it is now goes into the backups folder first; Undo puts it back
        while nothing else has changed.
      </p>
      {preview.problems.length > 0 && (
        <details className="restore-problems">
          <summary>{preview.problems.length} repaired while reading the backup</summary>
          <ul>
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </details>
      )}
    </Modal>
  );
}
