import type { NotebookHandlers } from '../../../shared/contract.ts';
import { parseCitationText } from './parse-citation.ts';

/** Reading bibliographic records the user pastes (the page never loads citation-js). */
export function createCitationService(): Pick<NotebookHandlers, 'parseCitation'> {
  return {
    parseCitation({ text }) {
      return parseCitationText(text);
    },
  };
}
