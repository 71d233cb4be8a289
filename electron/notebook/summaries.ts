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

export function summarize(data: StoreData, d: NotebookDocument): DocumentSummary {
  const annotations = data.annotations.filter((a) => a.documentId === d.id);
  return {
    id: d.id,
    title: d.title,
    author: d.author,
    source: d.source,
    url: d.url,
    publishedDate: d.publishedDate,
    importedAt: d.importedAt,
    annotationCount: annotations.length,
    orphanCount: annotations.filter((a) => a.orphan).length,
    wordCount: wordCount(d),
  };
}
