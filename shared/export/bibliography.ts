import { NotebookError } from '../result.ts';
import type { DocumentCitation, Exporter, ExportSelection } from './types.ts';

/**
 * The bibliography formats: one entry per document in scope, made of the records the core
 * formatted into `selection.bibliography` (every document has one: its own record, or one built
 * from its title, author, source, URL and date). Entries are in citation-key order.
 */
function entries(selection: ExportSelection): DocumentCitation[] {
  const bibliography = selection.bibliography;
  if (!bibliography)
    throw new NotebookError('internal', 'The bibliography was not prepared for this export.');
  return selection.documents
    .map((d) => bibliography.byDocument.get(d.id))
    .filter((c): c is DocumentCitation => c !== undefined)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** BibTeX (`.bib`): the entries, a blank line apart, after a comment saying what this is. */
export const bibtexExport: Exporter = function* (selection, _options, progress) {
  const list = entries(selection);
  yield `% ${oneLine(`Marginalia — ${selection.label}`)}\n% Exported ${selection.generatedAt} · ${list.length} ${list.length === 1 ? 'entry' : 'entries'}\n\n`;
  for (const [i, entry] of list.entries()) {
    yield `${entry.bibtex.trim()}\n\n`;
    progress?.(i + 1, list.length);
  }
  progress?.(list.length, list.length);
};

/** CSL-JSON: an array of records, one per line's worth of indentation, as Zotero writes it. */
export const cslJsonExport: Exporter = function* (selection, _options, progress) {
  const list = entries(selection);
  yield '[';
  for (const [i, entry] of list.entries()) {
    const json = JSON.stringify(entry.csl, null, 2).replace(/\n/g, '\n  ');
    yield `${i === 0 ? '' : ','}\n  ${json}`;
    progress?.(i + 1, list.length);
  }
  yield list.length ? '\n]\n' : ']\n';
  progress?.(list.length, list.length);
};

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');
