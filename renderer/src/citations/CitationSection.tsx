import { useId, useState } from 'react';
import {
  CSL_TYPES,
  type CslRecord,
  shortCitationLabel,
} from '../../../shared/citations/citations.ts';
import { IconButton } from '../ui/IconButton.tsx';
import { type AuthorRow, type CitationForm, recordFromForm } from './citation-form.ts';

type TextField = Exclude<keyof CitationForm, 'authors' | 'type'>;

const FIELDS: { key: TextField; label: string; placeholder: string }[] = [
  { key: 'containerTitle', label: 'Appeared in', placeholder: 'Journal, newspaper or book' },
  { key: 'volume', label: 'Volume', placeholder: '' },
  { key: 'issue', label: 'Issue', placeholder: '' },
  { key: 'page', label: 'Pages', placeholder: '45–67' },
  { key: 'DOI', label: 'DOI', placeholder: '10.1234/…' },
  { key: 'URL', label: 'Cited link', placeholder: 'https://…' },
  { key: 'issued', label: 'Issued', placeholder: 'YYYY-MM-DD' },
  { key: 'key', label: 'Citation key', placeholder: 'smith2021war' },
];

/**
 * The Citation part of the document details: the bibliographic record's fields, author rows,
 * and a box to paste BibTeX or CSL-JSON into, which the core reads (`parse`) to fill them.
 */
export function CitationSection({
  form,
  base,
  onChange,
  onPasted,
  parse,
}: {
  form: CitationForm;
  /** The record being edited (its other CSL fields are kept). */
  base: CslRecord | undefined;
  onChange: (form: CitationForm) => void;
  /** A record read from pasted text: it becomes the one being edited. */
  onPasted: (record: CslRecord) => void;
  parse: (text: string) => Promise<CslRecord[]>;
}) {
  const id = useId();
  const [pasted, setPasted] = useState('');
  const [reading, setReading] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const set = (patch: Partial<CitationForm>) => onChange({ ...form, ...patch });
  const setAuthor = (index: number, patch: Partial<AuthorRow>) =>
    set({ authors: form.authors.map((a, i) => (i === index ? { ...a, ...patch } : a)) });

  const fill = async () => {
    setReading(true);
    setMessage(null);
    try {
      const [first, ...others] = await parse(pasted);
      if (first) onPasted(first);
      setPasted('');
      setMessage({
        error: false,
        text: others.length
          ? `${others.length + 1} entries found; the fields are filled from the first.`
          : 'The fields are filled in. Check them, then save.',
      });
    } catch (e) {
      setMessage({ error: true, text: e instanceof Error ? e.message : String(e) });
    } finally {
      setReading(false);
    }
  };

  const preview = recordFromForm(form, base);
  return (
    <fieldset className="citation-section">
      <legend>Citation</legend>
      <div className="citation-paste">
        <label htmlFor={`${id}-paste`}>Paste BibTeX or CSL-JSON</label>
        <textarea
          id={`${id}-paste`}
          value={pasted}
          rows={3}
          spellCheck={false}
          placeholder="@article{smith2021war, title = {…}, author = {Smith, Jane}, …}"
          onChange={(e) => {
            setPasted(e.target.value);
            setMessage(null);
          }}
        />
        <button type="button" disabled={reading || !pasted.trim()} onClick={() => void fill()}>
          Fill in from it
        </button>
        {message && (
          <p
            className={message.error ? 'details-error citation-message' : 'citation-message'}
            role={message.error ? 'alert' : 'status'}
          >
            {message.text}
          </p>
        )}
      </div>
      <label className="details-field">
        <span>Type</span>
        <span className="tm-select">
          <select value={form.type} onChange={(e) => set({ type: e.target.value })}>
            <option value="">Not set</option>
            {CSL_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
            {form.type && !CSL_TYPES.some((t) => t.value === form.type) && (
              <option value={form.type}>{form.type}</option>
            )}
          </select>
        </span>
      </label>
      {/* Each input names its author and part ("Author 2 family name"): no group role needed. */}
      <div className="details-field citation-authors">
        <span aria-hidden="true">Authors</span>
        <div>
          {form.authors.length === 0 && <p className="citation-none">No authors yet.</p>}
          <ol className="citation-author-list">
            {form.authors.map((author, i) => (
              // Rows have no identity of their own; their position is what the user edits.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i} className="citation-author">
                <input
                  type="text"
                  aria-label={`Author ${i + 1} family name`}
                  placeholder="Family name"
                  value={author.family}
                  onChange={(e) => setAuthor(i, { family: e.target.value })}
                />
                <input
                  type="text"
                  aria-label={`Author ${i + 1} given names`}
                  placeholder="Given names"
                  value={author.given}
                  onChange={(e) => setAuthor(i, { given: e.target.value })}
                />
                <IconButton
                  label={`Remove author ${i + 1}`}
                  title="Remove this author"
                  onClick={() => set({ authors: form.authors.filter((_, j) => j !== i) })}
                >
                  ×
                </IconButton>
              </li>
            ))}
          </ol>
          <button
            type="button"
            onClick={() =>
              set({ authors: [...form.authors, { family: '', given: '', from: null }] })
            }
          >
            Add author
          </button>
        </div>
      </div>
      {FIELDS.map(({ key, label, placeholder }) => (
        <label key={key} className="details-field">
          <span>{label}</span>
          <input
            type="text"
            value={form[key]}
            placeholder={placeholder}
            spellCheck={false}
            onChange={(e) => set({ [key]: e.target.value })}
          />
        </label>
      ))}
      <p className="citation-preview" aria-live="polite">
        {preview ? `Cited as ${shortCitationLabel(preview)}` : 'No bibliographic record yet.'}
      </p>
    </fieldset>
  );
}
