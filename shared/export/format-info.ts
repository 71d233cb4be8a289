import {
  type AnyExportFormat,
  type ExportFormat,
  type FolderExportFormat,
  isFolderFormat,
} from './types.ts';

/** What the export dialog says about each format (no exporter code, so the page stays small). */
export interface FormatInfo {
  label: string;
  /** What it is for, in the export dialog. */
  description: string;
  extension: string;
}

export const FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
  markdown: {
    label: 'Markdown',
    description: 'Quotes, comments, tags and notes as readable notes (Obsidian, any editor).',
    extension: 'md',
  },
  csv: {
    label: 'CSV spreadsheet',
    description: 'One row per quote, with a 0/1 column per top-level tag for pivot tables.',
    extension: 'csv',
  },
  html: {
    label: 'HTML report',
    description: 'A printable page: passages in context and a tag summary chart.',
    extension: 'html',
  },
  jsonld: {
    label: 'W3C Web Annotation',
    description:
      'JSON-LD for other annotation tools: quote and position selectors, comments, tags.',
    extension: 'jsonld',
  },
  json: {
    label: 'Marginalia backup',
    description: 'Everything in JSON, to restore or merge into a notebook later without loss.',
    extension: 'json',
  },
  qdpx: {
    label: 'REFI-QDA project',
    description:
      'For NVivo, ATLAS.ti, MAXQDA, QualCoder: documents, coded passages, codebook and notes.',
    extension: 'qdpx',
  },
  qdc: {
    label: 'REFI-QDA codebook',
    description: 'The tags as a codebook other qualitative-analysis tools import (.qdc).',
    extension: 'qdc',
  },
  hypothesis: {
    label: 'Hypothesis',
    description:
      'Highlights as the Hypothesis client exports them, to import into Hypothesis (Share › Import).',
    extension: 'json',
  },
  bibtex: {
    label: 'BibTeX bibliography',
    description: 'An entry per document, keyed by its citation key (LaTeX, Zotero, JabRef).',
    extension: 'bib',
  },
  csl: {
    label: 'CSL-JSON bibliography',
    description: 'The documents’ bibliographic records for Zotero, Pandoc and any CSL processor.',
    extension: 'json',
  },
};

/** Words tidy for a file name on every file system: no separators or reserved characters. */
export function fileNameStem(words: string): string {
  return words
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/[. ]+$/, '');
}

/** A file name to offer in the Save dialog: the scope's label, tidy for every file system. */
export function defaultFileName(label: string, format: ExportFormat, date: string): string {
  const base = fileNameStem(label);
  const stem =
    format === 'json'
      ? `Marginalia backup ${date.slice(0, 10)}`
      : `Marginalia – ${base || 'export'}`;
  return `${stem}.${FORMAT_INFO[format].extension}`;
}

/** Formats written as a folder the user chooses (an Obsidian vault or a folder in one). */
export const FOLDER_FORMAT_INFO: Record<FolderExportFormat, FormatInfo> = {
  obsidian: {
    label: 'Obsidian vault folder',
    description:
      'A file per document and per note, quotes as callouts that notes link to. Export again to update it.',
    extension: 'md',
  },
};

/** What the dialog says about any format, one file or a folder. */
export const formatInfo = (format: AnyExportFormat): FormatInfo =>
  isFolderFormat(format) ? FOLDER_FORMAT_INFO[format] : FORMAT_INFO[format];
