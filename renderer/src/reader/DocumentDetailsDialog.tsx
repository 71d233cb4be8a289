import { useState } from 'react';
import type { NotebookDocument } from '../../../shared/model.ts';
import { Modal } from '../ui/Modal.tsx';

export type DocumentDetails = Pick<
  NotebookDocument,
  'title' | 'author' | 'source' | 'url' | 'publishedDate'
>;

const FIELDS: { key: keyof DocumentDetails; label: string; placeholder: string }[] = [
  { key: 'title', label: 'Title', placeholder: 'Untitled document' },
  { key: 'author', label: 'Author', placeholder: 'Who wrote it' },
  { key: 'source', label: 'Source', placeholder: 'Publication or website' },
  { key: 'url', label: 'URL', placeholder: 'https://…' },
  { key: 'publishedDate', label: 'Published', placeholder: 'YYYY-MM-DD' },
];

/** Edit what a citation is built from. Saving sends only what changed. */
export function DocumentDetailsDialog({
  document,
  onSave,
  onClose,
}: {
  document: NotebookDocument;
  /** Resolves when saved; rejects with a message to show (an invalid URL, say). */
  onSave: (changes: Partial<DocumentDetails>) => Promise<void>;
  onClose: () => void;
}) {
  const [values, setValues] = useState<DocumentDetails>(() => ({
    title: document.title,
    author: document.author,
    source: document.source,
    url: document.url,
    publishedDate: document.publishedDate,
  }));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const changes = Object.fromEntries(
      FIELDS.filter(({ key }) => values[key].trim() !== document[key]).map(({ key }) => [
        key,
        values[key].trim(),
      ]),
    ) as Partial<DocumentDetails>;
    if (Object.keys(changes).length === 0) return onClose();
    setSaving(true);
    try {
      await onSave(changes);
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setSaving(false);
    }
  };

  return (
    <Modal
      title="Document details"
      className="details-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form="document-details" className="primary" disabled={saving}>
            Save
          </button>
        </>
      }
    >
      <form
        id="document-details"
        className="details-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {FIELDS.map(({ key, label, placeholder }) => (
          <label key={key} className="details-field">
            <span>{label}</span>
            <input
              type="text"
              value={values[key]}
              placeholder={placeholder}
              spellCheck={key === 'title'}
              onChange={(e) => {
                setError(null);
                setValues((v) => ({ ...v, [key]: e.target.value }));
              }}
            />
          </label>
        ))}
        <p className="details-imported">
          Imported {new Date(document.importedAt).toLocaleString()}
        </p>
        {error && (
          <p className="details-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
