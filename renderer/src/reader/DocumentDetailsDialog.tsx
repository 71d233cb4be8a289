import { useState } from 'react';
import type { CslRecord } from '../../../shared/citations/citations.ts';
import type { NotebookDocument } from '../../../shared/model.ts';
import { CitationSection } from '../citations/CitationSection.tsx';
import {
  type CitationForm,
  formFromRecord,
  recordFromForm,
  sameRecord,
} from '../citations/citation-form.ts';
import { call } from '../notebook-client.ts';
import { Modal } from '../ui/Modal.tsx';

type DetailFields = Pick<NotebookDocument, 'title' | 'author' | 'source' | 'url' | 'publishedDate'>;

/** What the dialog saves: the fields that changed, and the record (null removes it). */
export type DocumentDetails = DetailFields & { csl: CslRecord | null };

const FIELDS: { key: keyof DetailFields; label: string; placeholder: string }[] = [
  { key: 'title', label: 'Title', placeholder: 'Untitled document' },
  { key: 'author', label: 'Author', placeholder: 'Who wrote it' },
  { key: 'source', label: 'Source', placeholder: 'Publication or website' },
  { key: 'url', label: 'URL', placeholder: 'https://…' },
  { key: 'publishedDate', label: 'Published', placeholder: 'YYYY-MM-DD' },
];

const parseInCore = (text: string) => call('parseCitation', { text });

/**
 * Edit what a citation is built from: the document's fields and its bibliographic record (which
 * pasted BibTeX or CSL-JSON fills). Saving sends only what changed.
 */
export function DocumentDetailsDialog({
  document,
  onSave,
  onClose,
  parseCitation = parseInCore,
}: {
  document: NotebookDocument;
  /** Resolves when saved; rejects with a message to show (an invalid URL, say). */
  onSave: (changes: Partial<DocumentDetails>) => Promise<void>;
  onClose: () => void;
  /** Reads pasted BibTeX or CSL-JSON (the core does; the page never loads citation-js). */
  parseCitation?: (text: string) => Promise<CslRecord[]>;
}) {
  const [base, setBase] = useState<CslRecord | undefined>(document.csl);
  const [citation, setCitation] = useState<CitationForm>(() => formFromRecord(document.csl));
  const [values, setValues] = useState<DetailFields>(() => ({
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
    const csl = recordFromForm(citation, base);
    if (!sameRecord(csl, document.csl)) changes.csl = csl;
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
        <CitationSection
          form={citation}
          base={base}
          onChange={(form) => {
            setError(null);
            setCitation(form);
          }}
          onPasted={(record) => {
            setError(null);
            setBase(record);
            setCitation(formFromRecord(record));
            // An empty title takes the record's.
            setValues((v) => ({
              ...v,
              title: v.title.trim() ? v.title : (record.title ?? v.title),
            }));
          }}
          parse={parseCitation}
        />
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
