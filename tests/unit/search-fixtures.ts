import { expect } from 'vitest';
import { type Notebook, openNotebook } from '../../electron/notebook/notebook.ts';
import type { HighlightColor } from '../../shared/colors.ts';
import type { Annotation, NotebookDocument } from '../../shared/model.ts';
import type { SearchHit, SearchResults } from '../../shared/search/types.ts';
import { RESOURCES_DIR } from './temp-dir.ts';

/** A real notebook (store, seed, services, search) in a fresh folder. */
export async function openTestNotebook(dataDir: string): Promise<Notebook> {
  return openNotebook({ dataDir, resourcesDir: RESOURCES_DIR });
}

/** The sample article the notebook was seeded with. */
export async function seedDocument(notebook: Notebook): Promise<NotebookDocument> {
  const [summary] = await notebook.handlers.listDocuments({});
  return notebook.handlers.getDocument({ id: summary!.id });
}

export async function search(notebook: Notebook, query: string, limit = 50) {
  return (await notebook.handlers.search({ query, limit })) as SearchResults;
}

/** What a list of hits is, in a form that reads well in a failing assertion. */
export const labels = (hits: readonly SearchHit[]) => hits.map((h) => `${h.kind}:${h.title}`);

/** The substrings of `text` that the ranges mark. */
export const marked = (text: string, ranges: readonly [number, number][]) =>
  ranges.map(([start, end]) => text.slice(start, end));

/** Highlight the first occurrence of `exact` in a document. */
export async function highlight(
  notebook: Notebook,
  doc: NotebookDocument,
  exact: string,
  options: { color?: HighlightColor; tagIds?: string[]; comment?: string } = {},
): Promise<Annotation> {
  const start = doc.text.indexOf(exact);
  expect(start, `"${exact}" is in "${doc.title}"`).toBeGreaterThanOrEqual(0);
  return notebook.handlers.createAnnotation({
    documentId: doc.id,
    start,
    end: start + exact.length,
    color: options.color ?? 'yellow',
    tagIds: options.tagIds ?? [],
    comment: options.comment ?? '',
  });
}

/** A pasted text as a new document, with the byline given. */
export async function importDocument(
  notebook: Notebook,
  jobId: string,
  text: string,
  meta: { title: string; author?: string; source?: string },
): Promise<NotebookDocument> {
  const report = await notebook.handlers.importText({ jobId, text, html: '' });
  const item = report.items[0]!;
  expect(item.status).toBe('imported');
  const documentId = (item as { documentId: string }).documentId;
  await notebook.handlers.updateDocument({
    id: documentId,
    title: meta.title,
    author: meta.author ?? '',
    source: meta.source ?? '',
  });
  return notebook.handlers.getDocument({ id: documentId });
}

/** Let the wall clock move on, so two edits never share an `updatedAt` millisecond. */
export const tick = () => new Promise((resolve) => setTimeout(resolve, 2));
