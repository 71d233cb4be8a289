import { useId, useState } from 'react';
import {
  CITATION_STYLE_LABELS,
  CITATION_STYLES,
  type CitationStyle,
} from '../../../shared/citations/citations.ts';
import type { TagUsage } from '../../../shared/codebook.ts';
import { formatInfo } from '../../../shared/export/format-info.ts';
import type { ExportResult } from '../../../shared/export/result.ts';
import { TAG_SEPARATOR } from '../../../shared/export/tag-cell.ts';
import {
  type AnyExportFormat,
  EXPORT_FORMATS,
  type ExportOptions,
  type ExportScope,
  FOLDER_EXPORT_FORMATS,
  isFolderFormat,
} from '../../../shared/export/types.ts';
import { plural } from '../../../shared/format.ts';
import type { Collection, DocumentSummary, Tag } from '../../../shared/model.ts';
import { Modal } from '../ui/Modal.tsx';
import { RadioChoice } from '../ui/RadioChoice.tsx';
import { loadExportSettings, saveExportSettings } from './export-settings.ts';
import type { Exporter, ExportRequest } from './use-export.ts';

type ScopeKind = ExportScope['kind'];

/**
 * Export: what (the whole notebook, the open document, a tag's quotes, the search results), in
 * which format, with that format's options; then progress, then where the file went.
 */
export function ExportDialog({
  exporter,
  request,
  documents,
  openDocumentId,
  tags,
  usage,
  searchQuery,
  collections,
  onRestore,
}: {
  exporter: Exporter;
  request: ExportRequest;
  documents: readonly DocumentSummary[];
  openDocumentId: string | null;
  tags: readonly Tag[];
  usage: Readonly<Record<string, TagUsage>>;
  searchQuery: string;
  collections: readonly Collection[];
  /** Close this dialog and restore from a backup instead. */
  onRestore: () => void;
}) {
  const saved = loadExportSettings();
  const [format, setFormat] = useState<AnyExportFormat>(request.format ?? saved.format);
  const [options, setOptions] = useState<ExportOptions>(saved.options);
  const [kind, setKind] = useState<ScopeKind>(request.scope.kind);
  const [documentId] = useState(
    request.scope.kind === 'document' ? request.scope.documentId : openDocumentId,
  );
  const sortedTags = [...tags].sort((a, b) => a.name.localeCompare(b.name));
  const [tagId, setTagId] = useState(
    request.scope.kind === 'tag' ? request.scope.tagId : (sortedTags[0]?.id ?? ''),
  );
  const [collectionId, setCollectionId] = useState(
    request.scope.kind === 'collection' ? request.scope.collectionId : (collections[0]?.id ?? ''),
  );
  // The library's selection, when the dialog was opened for it.
  const chosenIds = request.scope.kind === 'documents' ? request.scope.documentIds : null;
  const query = request.scope.kind === 'search' ? request.scope.query : searchQuery.trim();
  const doc = documents.find((d) => d.id === documentId);
  const ids = { scope: useId(), format: useId() };
  const { state } = exporter;

  const scope: ExportScope | null = (() => {
    switch (kind) {
      case 'notebook':
        return { kind };
      case 'document':
        return doc ? { kind, documentId: doc.id } : null;
      case 'tag':
        return tagId ? { kind, tagId } : null;
      case 'collection':
        return collectionId ? { kind, collectionId } : null;
      case 'documents':
        return chosenIds ? { kind, documentIds: chosenIds } : null;
      case 'search':
        return query ? { kind, query } : null;
    }
  })();

  const start = () => {
    if (!scope) return;
    saveExportSettings({ format, options });
    void exporter.run(format, scope, options);
  };

  if (state.phase === 'done') {
    const { result } = state;
    return (
      <Modal
        title="Export saved"
        className="export-dialog"
        onClose={exporter.close}
        footer={
          <>
            <button type="button" onClick={() => exporter.showInFolder(result.path)}>
              Show in Folder
            </button>
            <button type="button" className="primary" data-autofocus onClick={exporter.close}>
              Done
            </button>
          </>
        }
      >
        <p className="export-saved-name">{result.fileName}</p>
        <p className="export-saved-path" title={result.path}>
          {result.path}
        </p>
        <p className="export-saved-counts">
          {plural(result.quotes, 'quote')} from {plural(result.documents, 'document')}
          {result.notes > 0 && ` and ${plural(result.notes, 'note')}`} · {formatBytes(result.bytes)}
        </p>
        {result.folder && <FolderCounts folder={result.folder} />}
      </Modal>
    );
  }

  const runningState = state.phase === 'running' ? state : null;
  const totalQuotes = documents.reduce((sum, d) => sum + d.annotationCount, 0);
  return (
    <Modal
      title="Export"
      className="export-dialog"
      onClose={runningState ? exporter.cancel : exporter.close}
      footer={
        runningState ? (
          <button type="button" onClick={exporter.cancel} disabled={runningState.cancelling}>
            {runningState.cancelling ? 'Cancelling…' : 'Cancel Export'}
          </button>
        ) : (
          <>
            <button type="button" onClick={exporter.close}>
              Cancel
            </button>
            <button type="button" className="primary" disabled={!scope} onClick={start}>
              Export…
            </button>
          </>
        )
      }
    >
      <fieldset className="export-section" disabled={runningState !== null}>
        <legend>What</legend>
        <RadioChoice
          name={ids.scope}
          checked={kind === 'notebook'}
          autoFocus={kind === 'notebook'}
          onSelect={() => setKind('notebook')}
          label="Whole notebook"
        >
          {plural(documents.length, 'document')} · {plural(totalQuotes, 'quote')}
        </RadioChoice>
        <RadioChoice
          name={ids.scope}
          checked={kind === 'document'}
          disabled={!doc}
          onSelect={() => setKind('document')}
          label="This document"
        >
          {doc
            ? `${doc.title || 'Untitled document'} · ${plural(doc.annotationCount, 'quote')}`
            : 'Open a document in the reader first'}
        </RadioChoice>
        <RadioChoice
          name={ids.scope}
          checked={kind === 'tag'}
          disabled={sortedTags.length === 0}
          onSelect={() => setKind('tag')}
          label="Quotes under a tag"
        >
          {sortedTags.length === 0 ? (
            'No tags yet'
          ) : (
            <span className="tm-select">
              <select
                aria-label="Tag to export"
                value={tagId}
                onChange={(e) => {
                  setTagId(e.target.value);
                  setKind('tag');
                }}
              >
                {sortedTags.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} ({usage[t.id]?.quotesWithin ?? 0})
                  </option>
                ))}
              </select>
            </span>
          )}
        </RadioChoice>
        {chosenIds && (
          <RadioChoice
            name={ids.scope}
            checked={kind === 'documents'}
            autoFocus={kind === 'documents'}
            onSelect={() => setKind('documents')}
            label="Selected documents"
          >
            {plural(chosenIds.length, 'document')} chosen in the library
          </RadioChoice>
        )}
        <RadioChoice
          name={ids.scope}
          checked={kind === 'collection'}
          disabled={collections.length === 0}
          onSelect={() => setKind('collection')}
          label="A collection"
        >
          {collections.length === 0 ? (
            'No collections yet'
          ) : (
            <span className="tm-select">
              <select
                aria-label="Collection to export"
                value={collectionId}
                onChange={(e) => {
                  setCollectionId(e.target.value);
                  setKind('collection');
                }}
              >
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({plural(c.documentIds.length, 'document')})
                  </option>
                ))}
              </select>
            </span>
          )}
        </RadioChoice>
        <RadioChoice
          name={ids.scope}
          checked={kind === 'search'}
          disabled={!query}
          onSelect={() => setKind('search')}
          label="Search results"
        >
          {query ? `Quotes and notes found for “${query}”` : 'Search first (Ctrl+4)'}
        </RadioChoice>
      </fieldset>

      <fieldset className="export-section" disabled={runningState !== null}>
        <legend>Format</legend>
        <div className="export-formats">
          {[...EXPORT_FORMATS, ...FOLDER_EXPORT_FORMATS].map((f) => (
            <label key={f} className={`export-format${f === format ? ' selected' : ''}`}>
              <input
                type="radio"
                name={ids.format}
                checked={f === format}
                onChange={() => setFormat(f)}
              />
              <span className="export-format-label">
                {formatInfo(f).label}
                <span className="export-format-ext">
                  {isFolderFormat(f) ? 'folder' : `.${formatInfo(f).extension}`}
                </span>
              </span>
              {/* Heard with each choice; shown once, for the chosen format, below the grid. */}
              <span className="export-format-description">{formatInfo(f).description}</span>
            </label>
          ))}
        </div>
        <p className="export-format-about" aria-hidden="true">
          {formatInfo(format).description}
        </p>
      </fieldset>

      <FormatOptions
        format={format}
        options={options}
        disabled={runningState !== null}
        onChange={setOptions}
        onRestore={onRestore}
      />

      {runningState && (
        <div className="export-progress" role="status" aria-live="polite">
          <span>
            {runningState.cancelling
              ? 'Cancelling…'
              : runningState.total > 0
                ? `Exporting… ${Math.floor((100 * runningState.done) / runningState.total)}%`
                : isFolderFormat(format)
                  ? 'Choose the folder to export into…'
                  : 'Choose where to save the file…'}
          </span>
          <progress
            max={Math.max(runningState.total, 1)}
            value={runningState.total > 0 ? runningState.done : undefined}
            aria-label="Export progress"
          />
        </div>
      )}
    </Modal>
  );
}

function FormatOptions({
  format,
  options,
  disabled,
  onChange,
  onRestore,
}: {
  format: AnyExportFormat;
  options: ExportOptions;
  disabled: boolean;
  onChange: (options: ExportOptions) => void;
  onRestore: () => void;
}) {
  const name = useId();
  const styleId = useId();
  const citations = (
    <div className="export-option-row">
      <label htmlFor={styleId}>Citations and references:</label>
      <select
        id={styleId}
        value={options.citationStyle}
        onChange={(e) => onChange({ ...options, citationStyle: e.target.value as CitationStyle })}
      >
        {CITATION_STYLES.map((style) => (
          <option key={style} value={style}>
            {CITATION_STYLE_LABELS[style]}
          </option>
        ))}
      </select>
    </div>
  );
  const notes = (
    <label className="export-option">
      <input
        type="checkbox"
        checked={options.includeNotes}
        onChange={(e) => onChange({ ...options, includeNotes: e.target.checked })}
      />
      Include notes
    </label>
  );
  if (format === 'markdown')
    return (
      <fieldset className="export-section export-options" disabled={disabled}>
        <legend>Options</legend>
        <div className="export-option-row">
          <span>Quotes in each document:</span>
          <label className="export-option">
            <input
              type="radio"
              name={name}
              checked={options.markdownOrder === 'tag'}
              onChange={() => onChange({ ...options, markdownOrder: 'tag' })}
            />
            grouped by tag
          </label>
          <label className="export-option">
            <input
              type="radio"
              name={name}
              checked={options.markdownOrder === 'text'}
              onChange={() => onChange({ ...options, markdownOrder: 'text' })}
            />
            in text order
          </label>
        </div>
        {citations}
        {notes}
      </fieldset>
    );
  if (format === 'obsidian')
    return (
      <fieldset className="export-section export-options" disabled={disabled}>
        <legend>Options</legend>
        {notes}
        <p className="export-hint">
          Choose a vault or a folder in one. Exporting again updates the same files and keeps what
          you write under “My notes” in each.
        </p>
      </fieldset>
    );
  if (format === 'html')
    return (
      <fieldset className="export-section export-options" disabled={disabled}>
        <legend>Options</legend>
        {citations}
        {notes}
      </fieldset>
    );
  if (format === 'bibtex' || format === 'csl')
    return (
      <p className="export-hint">
        One entry per document in scope: its bibliographic record (Document details › Citation), or
        one made from its title, author, source, address and date.
      </p>
    );
  if (format === 'csv')
    return (
      <fieldset className="export-section export-options" disabled={disabled}>
        <legend>Options</legend>
        <label className="export-option">
          <input
            type="checkbox"
            checked={options.csvBom}
            onChange={(e) => onChange({ ...options, csvBom: e.target.checked })}
          />
          Add a byte order mark, so Excel reads accents and emoji correctly
        </label>
        <label className="export-option">
          <input
            type="checkbox"
            checked={options.csvEscapeFormulas}
            onChange={(e) => onChange({ ...options, csvEscapeFormulas: e.target.checked })}
          />
          Keep spreadsheets from running quotes as formulas (a ' before cells starting with = + - @)
        </label>
        <p className="export-hint">
          A quote’s tags share one column, separated by “{TAG_SEPARATOR.trim()}”; each top-level tag
          also gets a 0/1 column.
        </p>
      </fieldset>
    );
  if (format === 'json')
    return (
      <p className="export-hint">
        A backup holds documents, quotes, tags and notes in full.{' '}
        <button type="button" className="link-button" disabled={disabled} onClick={onRestore}>
          Restore from a backup…
        </button>
      </p>
    );
  return null;
}

/** After a folder export: how many files were new, changed and already up to date, and any set aside. */
function FolderCounts({
  folder,
}: {
  folder: NonNullable<Extract<ExportResult, { status: 'saved' }>['folder']>;
}) {
  return (
    <>
      <p className="export-saved-files">
        {plural(folder.written, 'file')} written, {folder.updated.toLocaleString()} updated,{' '}
        {folder.unchanged.toLocaleString()} unchanged
      </p>
      {folder.setAside.length > 0 && (
        <div className="export-hint" role="note">
          <p>
            The “my notes” markers of {plural(folder.setAside.length, 'file')} were changed, so
            {folder.setAside.length === 1 ? ' its' : ' their'} old text was kept in a copy:
          </p>
          <ul className="export-set-aside">
            {folder.setAside.map(({ path, copy }) => (
              <li key={path} title={copy}>
                {copy.split(/[\\/]/).pop()}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
