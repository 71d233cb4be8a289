import { HYPOTHESIS_CLIENT_VERSION, hypothesisAnnotation } from '../exchange/hypothesis/write.ts';
import type { Tag } from '../model.ts';
import type { Exporter } from './types.ts';

/**
 * The highlights as the Hypothesis client exports them (`{ export_date, export_userid,
 * client_version, annotations }`), so a notebook's highlights of a web page can be imported into
 * Hypothesis (Share › Import) and read back by Marginalia. What each annotation holds, and why,
 * is in `shared/exchange/hypothesis/write.ts`. Tags are written by name (a path as `a/b`), in
 * codebook order; there is no signed-in user, so `export_userid` is empty, as the client writes
 * it when logged out.
 */
export const hypothesisExport: Exporter = function* (selection, _options, progress) {
  const total = selection.annotations.length;
  const marker = '\u0000annotations\u0000';
  const whole = JSON.stringify(
    {
      export_date: selection.generatedAt,
      export_userid: '',
      client_version: HYPOTHESIS_CLIENT_VERSION,
      annotations: total === 0 ? [] : [marker],
    },
    null,
    2,
  );
  if (total === 0) {
    yield `${whole}\n`;
    progress?.(0, 0);
    return;
  }
  const at = whole.lastIndexOf(JSON.stringify(marker));
  const head = whole.slice(0, at);
  const tail = whole.slice(at + JSON.stringify(marker).length);
  const indent = head.slice(head.lastIndexOf('\n') + 1);

  const documentsById = new Map(selection.documents.map((d) => [d.id, d]));
  const codebook = new Map<string, { tag: Tag; rank: number }>(
    selection.tags.map((tag, rank) => [tag.id, { tag, rank }]),
  );
  yield head;
  let done = 0;
  let written = 0;
  for (const annotation of selection.annotations) {
    const doc = documentsById.get(annotation.documentId);
    done++;
    if (!doc) {
      progress?.(done, total);
      continue;
    }
    const names = annotation.tagIds
      .map((id) => codebook.get(id))
      .filter((t) => t !== undefined)
      .sort((a, b) => a.rank - b.rank)
      .map(({ tag }) => tag.name);
    const json = JSON.stringify(hypothesisAnnotation(annotation, doc, names), null, 2);
    // JSON never holds a raw line break inside a string, so re-indenting by lines is safe.
    yield `${written === 0 ? '' : `,\n${indent}`}${json.replaceAll('\n', `\n${indent}`)}`;
    written++;
    progress?.(done, total);
  }
  yield tail.endsWith('\n') ? tail : `${tail}\n`;
};
