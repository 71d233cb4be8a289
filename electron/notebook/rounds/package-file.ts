import { findTagNamed, parentPath } from '../../../shared/codebook.ts';
import type { Coder, NotebookDocument, Round, StoreData, Tag } from '../../../shared/model.ts';
import { NotebookError } from '../../../shared/result.ts';
import {
  PACKAGE_FORMAT,
  type PackageFile,
  packageFileSchema,
  parseRoundFile,
  ROUND_FILE_VERSION,
} from '../../../shared/rounds/files.ts';

/**
 * A round's package from the lead's notebook: the chosen documents (text and details, no
 * highlights, no quote-finder dismissals) and the whole codebook. PDFs are added by the caller.
 */
export function buildPackage(
  data: StoreData,
  round: Pick<Round, 'id' | 'name' | 'instructions' | 'createdAt' | 'documentIds'>,
  lead: Coder,
): Omit<PackageFile, 'files'> {
  const documents = round.documentIds.map((id) => {
    const doc = data.documents.find((d) => d.id === id);
    if (!doc)
      throw new NotebookError(
        'not-found',
        'A document chosen for the round is no longer in the notebook.',
      );
    const { dismissedQuotes: _, seed: __, ...rest } = doc;
    return rest;
  });
  return {
    format: PACKAGE_FORMAT,
    formatVersion: ROUND_FILE_VERSION,
    round: {
      id: round.id,
      name: round.name,
      instructions: round.instructions,
      createdAt: round.createdAt,
    },
    lead,
    documents,
    tags: [...data.tags].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Read a package file, with a clear error for anything that is not one. */
export function parsePackage(text: string, fileName: string): PackageFile {
  return parseRoundFile(text, fileName, {
    format: PACKAGE_FORMAT,
    what: 'coding package',
    schema: packageFileSchema,
  });
}

/**
 * What opening a package adds to a coder's notebook: its documents (one already here with the
 * same text is that document), its codebook (a tag already here by name is that tag) and the
 * round, pointing at the notebook's ids for both.
 */
export function planOpenPackage(
  data: StoreData,
  pkg: PackageFile,
  coder: Coder,
  now: string,
  newId: (kind: 'doc' | 'tag') => string,
): { documents: NotebookDocument[]; tags: Tag[]; round: Round } {
  if (data.rounds.some((r) => r.id === pkg.round.id))
    throw new NotebookError(
      'conflict',
      `The round “${pkg.round.name}” is already open in this notebook.`,
    );
  const documentIds = new Set(data.documents.map((d) => d.id));
  const documents: NotebookDocument[] = [];
  const localDoc = pkg.documents.map((doc) => {
    const same = data.documents.find((d) => d.contentHash === doc.contentHash);
    if (same) return same.id;
    const id = documentIds.has(doc.id) ? newId('doc') : doc.id;
    documentIds.add(id);
    documents.push({ ...doc, id, importedAt: now, updatedAt: now });
    return id;
  });
  const tags: Tag[] = [];
  const all = [...data.tags];
  const tagIds = new Set(all.map((t) => t.id));
  // Parents first, so every path's parent is there when its child comes.
  const ordered = [...pkg.tags].sort((a, b) => a.name.split('/').length - b.name.split('/').length);
  const localTag = new Map<string, string>();
  for (const tag of ordered) {
    const same = findTagNamed(all, tag.name);
    if (same) {
      localTag.set(tag.id, same.id);
      continue;
    }
    const parent = parentPath(tag.name);
    if (parent !== null && !findTagNamed(all, parent))
      throw new NotebookError(
        'invalid-input',
        `The package's codebook has “${tag.name}” without its parent.`,
      );
    const id = tagIds.has(tag.id) ? newId('tag') : tag.id;
    tagIds.add(id);
    const added = { ...tag, id, createdAt: now, updatedAt: now };
    tags.push(added);
    all.push(added);
    localTag.set(tag.id, id);
  }
  const round: Round = {
    id: pkg.round.id,
    name: pkg.round.name,
    instructions: pkg.round.instructions,
    role: 'coder',
    documentIds: localDoc,
    tagIds: pkg.tags.map((t) => localTag.get(t.id)!),
    coder,
    proposals: [],
    layers: [],
    createdAt: now,
    updatedAt: now,
  };
  return { documents, tags, round };
}
