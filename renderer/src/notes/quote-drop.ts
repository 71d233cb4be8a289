/** The drag type the annotation panel sets on a quote: the annotation id. */
import { QUOTE_DRAG_TYPE } from '../../../shared/note-links.ts';

export { QUOTE_DRAG_TYPE };

const typesOf = (data: DataTransfer | null) => (data ? Array.from(data.types) : []);
export const carriesQuote = (data: DataTransfer | null) => typesOf(data).includes(QUOTE_DRAG_TYPE);
export const carriesText = (data: DataTransfer | null) => typesOf(data).includes('text/plain');

/**
 * Put `text` between `before` and `after` as a block of its own, so a dropped quote is a
 * Markdown block quote wherever it lands: blank lines around it, none doubled.
 */
export function asBlock(
  before: string,
  text: string,
  after: string,
): { value: string; caret: number } {
  const lead =
    before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const core = text.replace(/\s+$/, '');
  const trail = after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const head = `${before}${lead}${core}${trail}`;
  return { value: `${head}${after}`, caret: head.length };
}
