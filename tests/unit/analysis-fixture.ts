import type { Annotation, NotebookDocument, Tag } from '../../shared/model.ts';

/**
 * A small notebook built by hand for the analysis tests: documents with dates, a two-level
 * codebook, the quote finder's tags, and quotes placed by offsets so overlaps are exact.
 */
export interface Book {
  documents: NotebookDocument[];
  tags: Tag[];
  annotations: Annotation[];
}

const AT = '2026-01-01T00:00:00.000Z';

export function book(): Book {
  return { documents: [], tags: [], annotations: [] };
}

export function doc(b: Book, id: string, title: string, publishedDate = ''): string {
  const text = 'x'.repeat(1000);
  b.documents.push({
    id,
    title,
    author: '',
    source: '',
    url: '',
    publishedDate,
    importedAt: AT,
    updatedAt: AT,
    contentHash: id,
    text,
    blocks: [{ type: 'paragraph', start: 0, end: text.length }],
    marks: [],
  } as NotebookDocument);
  return id;
}

/** A tag with this path (its parents must be made first, as the codebook keeps them). */
export function tag(b: Book, name: string): string {
  const id = `tag_${name.replace(/[^a-z0-9]/gi, '_')}`;
  b.tags.push({ id, name, color: 'yellow', description: '', createdAt: AT });
  return id;
}

let next = 0;
export function quote(
  b: Book,
  documentId: string,
  tagIds: string[],
  start = 0,
  end = start + 10,
): string {
  const id = `ann_${next++}`;
  b.annotations.push({
    id,
    documentId,
    target: {
      documentId,
      position: { type: 'TextPositionSelector', start, end },
      quote: { type: 'TextQuoteSelector', exact: `words ${id}`, prefix: '', suffix: '' },
    },
    color: 'yellow',
    tagIds,
    comment: '',
    createdAt: AT,
    updatedAt: AT,
  } as Annotation);
  return id;
}
