import type { DocumentSummary, NotebookDocument, StoreData } from '../../shared/model.ts';
import { countWords } from '../../shared/text/plain-text.ts';

// Word counts cost a pass over the text; documents are immutable objects in memory, so count once.
const wordCounts = new WeakMap<NotebookDocument, number>();
function wordCount(d: NotebookDocument): number {
  let count = wordCounts.get(d);
  if (count === undefined) {
    count = countWords(d.text);
    wordCounts.set(d, count);
  }
  return count;
}

/** Every document's summary, counting highlights in one pass (not one pass per document). */
export function summarizeAll(data: StoreData): DocumentSummary[] {
  const counts = new Map<string, { annotations: number; orphans: number }>();
  for (const a of data.annotations) {
    const count = counts.get(a.documentId) ?? { annotations: 0, orphans: 0 };
    count.annotations++;
    if (a.orphan) count.orphans++;
    counts.set(a.documentId, count);
  }
  return data.documents.map((d) => {
    const count = counts.get(d.id);
    return summary(d, count?.annotations ?? 0, count?.orphans ?? 0);
  });
}

export function summarize(data: StoreData, d: NotebookDocument): DocumentSummary {
  const annotations = data.annotations.filter((a) => a.documentId === d.id);
  return summary(d, annotations.length, annotations.filter((a) => a.orphan).length);
}

function summary(d: NotebookDocument, annotationCount: number, orphanCount: number) {
  return {
    id: d.id,
    title: d.title,
    author: d.author,
    source: d.source,
    url: d.url,
    publishedDate: d.publishedDate,
    importedAt: d.importedAt,
    annotationCount,
    orphanCount,
    wordCount: wordCount(d),
    ...(d.pdf ? { pageCount: d.pdf.pageCount } : {}),
  };
}
