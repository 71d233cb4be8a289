import { hypothesisSources, readHypothesis } from '../../../shared/exchange/hypothesis/read.ts';
import type { JsonReader } from './read-exchange-file.ts';

/**
 * Hypothesis files through the exchange import: the annotations, and each address the file
 * annotates with the document it goes on, so the preview can offer a choice where none matched.
 */
export const readHypothesisFile: JsonReader = (json, notebook, options) => {
  const read = readHypothesis(json, notebook, options);
  const addresses = hypothesisSources(json, notebook, options.documentFor).map((s) => ({
    uri: s.uri,
    title: s.title,
    annotations: s.highlights + s.notes,
    documentId: s.documentId,
  }));
  return { ...read, report: { ...read.report, addresses } };
};
