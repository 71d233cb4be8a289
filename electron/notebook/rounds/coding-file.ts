import { isTextAnnotation } from '../../../shared/annotations.ts';
import { findTagNamed } from '../../../shared/codebook.ts';
import type { Layer, LayerHighlight, Round, StoreData } from '../../../shared/model.ts';
import { NotebookError } from '../../../shared/result.ts';
import {
  CODING_FORMAT,
  type CodingFile,
  codingFileSchema,
  parseRoundFile,
  ROUND_FILE_VERSION,
} from '../../../shared/rounds/files.ts';

/**
 * A coder's coding file for a round: every text highlight they made on the round's documents
 * since the round opened, with its codes by name, and their proposals.
 */
export function buildCodingFile(data: StoreData, round: Round, exportedAt: string): CodingFile {
  if (round.role !== 'coder' || !round.coder)
    throw new NotebookError(
      'invalid-input',
      'Only a round opened from a coding package has a coding file to hand in.',
    );
  const docs = new Map(
    data.documents.filter((d) => round.documentIds.includes(d.id)).map((d) => [d.id, d]),
  );
  const tagName = new Map(data.tags.map((t) => [t.id, t.name]));
  const since = Date.parse(round.createdAt);
  const highlights = data.annotations
    .filter(isTextAnnotation)
    .filter((a) => docs.has(a.documentId) && !a.orphan && Date.parse(a.createdAt) >= since)
    .map((a) => ({
      id: a.id,
      contentHash: docs.get(a.documentId)!.contentHash,
      start: a.target.position.start,
      end: a.target.position.end,
      exact: a.target.quote.exact,
      codes: a.tagIds.map((id) => tagName.get(id)).filter((n): n is string => Boolean(n)),
      comment: a.comment,
    }));
  return {
    format: CODING_FORMAT,
    formatVersion: ROUND_FILE_VERSION,
    round: { id: round.id, name: round.name },
    coder: round.coder,
    exportedAt,
    documents: [...docs.values()].map((d) => ({
      contentHash: d.contentHash,
      title: d.title,
      length: d.text.length,
    })),
    highlights,
    proposals: round.proposals,
  };
}

export function parseCodingFile(text: string, fileName: string): CodingFile {
  return parseRoundFile(text, fileName, {
    format: CODING_FORMAT,
    what: 'coding file',
    schema: codingFileSchema,
  });
}

/**
 * A coding file as a layer of the lead's round. Documents are matched by their text: a file
 * whose document differs from the package's is refused by name (its offsets would mean nothing
 * here), never matched by title. Codes are matched by name to the lead's codebook; a highlight's
 * words must be what the offsets select.
 */
export function layerFromCodingFile(
  data: StoreData,
  round: Round,
  file: CodingFile,
  fileName: string,
  now: string,
): { layer: Layer; unknownCodes: string[] } {
  if (round.role !== 'lead')
    throw new NotebookError(
      'invalid-input',
      'Coding files are collected in the round the lead handed out.',
    );
  if (file.round.id !== round.id)
    throw new NotebookError(
      'invalid-input',
      `${fileName} belongs to the round “${file.round.name}”, not “${round.name}”.`,
    );
  const docs = new Map(
    data.documents.filter((d) => round.documentIds.includes(d.id)).map((d) => [d.contentHash, d]),
  );
  for (const doc of file.documents)
    if (!docs.has(doc.contentHash))
      throw new NotebookError(
        'invalid-input',
        `${fileName}: the text of “${doc.title}” differs from the one handed out in the package, so its highlights cannot be placed. Nothing was imported from this file.`,
      );
  const unknown = new Set<string>();
  const highlights: LayerHighlight[] = file.highlights.map((h) => {
    const doc = docs.get(h.contentHash);
    if (!doc)
      throw new NotebookError(
        'invalid-input',
        `${fileName} has a highlight on a document that is not in the round.`,
      );
    if (h.end > doc.text.length || h.start >= h.end || doc.text.slice(h.start, h.end) !== h.exact)
      throw new NotebookError(
        'invalid-input',
        `${fileName}: a highlight on “${doc.title}” does not select its own words (${h.start}–${h.end}); the file was changed or is damaged. Nothing was imported from this file.`,
      );
    const tagIds = h.codes.flatMap((name) => {
      const tag = findTagNamed(data.tags, name);
      if (!tag) unknown.add(name);
      return tag ? [tag.id] : [];
    });
    return {
      id: h.id,
      documentId: doc.id,
      start: h.start,
      end: h.end,
      tagIds: [...new Set(tagIds)],
      comment: h.comment,
    };
  });
  return {
    layer: { coder: file.coder, importedAt: now, fileName, highlights },
    unknownCodes: [...unknown],
  };
}
