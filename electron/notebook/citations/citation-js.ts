import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cite, type CSL, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import type { CitationStyle, CslRecord } from '../../../shared/citations/citations.ts';

/**
 * citation-js, in the core only (never in the page): @citation-js/core with its BibTeX and CSL
 * plugins, which work offline; not the `citation-js` meta-package, which pulls network plugins.
 * Its CSL engine is citeproc-js (CPAL-1.0 OR AGPL-1.0; see docs/LICENSES.md).
 */

/** The CSL style each of our styles is: plugin-csl's built-in APA, our Chicago author-date. */
const STYLE_TEMPLATES: Record<CitationStyle, string> = {
  apa: 'apa',
  chicago: 'marginalia-chicago-author-date',
};
const LOCALE = 'en-US';
/** Where the styles citation-js lacks are kept, below the app's resources folder. */
export const CSL_STYLES_DIR = 'csl';

let registeredFrom: string | null = null;

/** Register the styles kept in resources/csl (once; the files are small). */
export function registerStyles(resourcesDir: string): void {
  if (registeredFrom === resourcesDir) return;
  const styles = plugins.config.get('@csl').styles as { add(name: string, xml: string): void };
  const xml = readFileSync(join(resourcesDir, CSL_STYLES_DIR, 'chicago-author-date.csl'), 'utf8');
  styles.add(STYLE_TEMPLATES.chicago, xml);
  registeredFrom = resourcesDir;
}

/** The subset of citeproc-js's engine we call. */
interface CiteprocEngine {
  updateItems(ids: string[]): void;
  makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  makeCitationCluster(items: { id: string; locator?: string; label?: string }[]): string;
}

/**
 * A citeproc-js engine for a style, holding these records (their `id`s unique). plugin-csl keeps
 * one engine per style and resets it, so this is cheap to ask for again.
 */
export function citeprocEngine(
  records: readonly CslRecord[],
  style: CitationStyle,
  format: 'text' | 'html',
): CiteprocEngine {
  const config = plugins.config.get('@csl') as {
    engine(data: CSL[], style: string, locale: string, format: string): CiteprocEngine;
  };
  const engine = config.engine(records as CSL[], STYLE_TEMPLATES[style], LOCALE, format);
  engine.updateItems(records.map((r) => String(r.id)));
  return engine;
}

// Keep every character in BibTeX output (UTF-8, as biber and Zotero read it): the default
// turns letters into LaTeX commands and drops what it cannot spell, emoji among them.
(plugins.config.get('@bibtex') as { format: { asciiOnly: boolean } }).format.asciiOnly = false;

/** BibTeX for records, in the order given; each record's `citation-key` is its entry's key. */
export function bibtexOf(records: readonly CslRecord[]): string {
  return new Cite(records as CSL[]).format('bibtex', { format: 'text' }) as string;
}

/** citation-js's parsers, synchronous: BibTeX and BibLaTeX text to CSL records. */
export function parseBibtexText(text: string): unknown[] {
  const options = { forceType: '@biblatex/text', generateGraph: false };
  return plugins.input.chain(text, options as Parameters<typeof plugins.input.chain>[1]);
}
