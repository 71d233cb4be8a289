import { guidFor } from '../../../../shared/exchange/refi/guid.ts';
import type { ExchangeRead } from '../../../../shared/exchange/types.ts';
import { emptyExchangeContents } from '../../../../shared/exchange/types.ts';
import type { Tag } from '../../../../shared/model.ts';
import { NotebookError } from '../../../../shared/result.ts';
import { readCodes } from './read-codebook.ts';
import { attribute, child, children, parseXml } from './xml-dom.ts';

/**
 * A REFI-QDA codebook (`.qdc`), leniently: Taguette's (an empty `<Sets/>`, invalid against the
 * schema) and ATLAS.ti's (namespace `0:4` in its schemaLocation, a code group as a `Set`) read as
 * well as valid ones. Sets of codes are named in the report: Marginalia has no code groups.
 */
export function readCodebookFile(
  xml: string,
  fileName: string,
  notebook: { tags: readonly Tag[] },
  options: { now: string },
): ExchangeRead {
  const root = parseXml(xml, fileName);
  if (root.localName !== 'CodeBook')
    throw new NotebookError(
      'invalid-input',
      `${fileName} is not a REFI-QDA codebook: its root element is <${root.localName}>, not <CodeBook>.`,
    );
  const known = new Map(notebook.tags.map((t) => [guidFor('tag', t.id).toLowerCase(), t.id]));
  const codebook = readCodes(root, {
    now: options.now,
    tagId: (guid) => known.get(guid) ?? `tag-qda-${guid.replace(/[^a-z0-9-]/g, '').slice(0, 50)}`,
  });
  if (codebook.tags.length === 0)
    throw new NotebookError('invalid-input', `${fileName} holds no codes.`);
  const setsElement = child(root, 'Sets');
  const sets = setsElement
    ? children(setsElement, 'Set').map((s) => `“${attribute(s, 'name') ?? 'unnamed'}”`)
    : [];
  return {
    contents: { ...emptyExchangeContents(), tags: codebook.tags },
    report: {
      format: 'qdc',
      producer: attribute(root, 'origin'),
      notCarried:
        sets.length > 0
          ? [`${sets.length} code group${sets.length === 1 ? '' : 's'} (${sets.join(', ')})`]
          : [],
      unplaced: [],
      notes: codebook.notes,
    },
  };
}
