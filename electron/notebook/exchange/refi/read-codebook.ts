import type { Element } from '@xmldom/xmldom';
import { colorForIndex } from '../../../../shared/colors.ts';
import { nearestColor } from '../../../../shared/exchange/refi/colors.ts';
import { normalizeGuid } from '../../../../shared/exchange/refi/guid.ts';
import type { Tag } from '../../../../shared/model.ts';
import { attribute, child, children, childText } from './xml-dom.ts';

export interface CodebookRead {
  tags: Tag[];
  /** Tag id of each code, by normalised GUID. */
  tagOfGuid: Map<string, string>;
  /** Codes that are folders (`isCodable="false"`), by normalised GUID. */
  folders: Set<string>;
  notes: string[];
}

/** Path separators inside one code's name would nest it: a slash becomes the look-alike `∕`. */
const safePart = (name: string) =>
  name.replace(/\s+/g, ' ').trim().replace(/\//g, '∕') || 'Untitled code';

/**
 * A `<Codes>` tree as tags: nested codes become tag paths (`parent/child`), each keeping its
 * colour (the nearest highlight colour) and description. A flat codebook whose names are paths
 * (Taguette writes `interesting\places`) nests by those paths instead. Names that would repeat
 * (ignoring case) get a number, so every code stays a tag of its own.
 */
export function readCodes(
  codebookElement: Element | undefined,
  options: { now: string; tagId: (guid: string) => string },
): CodebookRead {
  const tags: Tag[] = [];
  const tagOfGuid = new Map<string, string>();
  const folders = new Set<string>();
  const notes: string[] = [];
  const codes = codebookElement ? child(codebookElement, 'Codes') : undefined;
  const top = codes ? children(codes, 'Code') : [];
  const nested = top.some((c) => children(c, 'Code').length > 0);
  const flatPaths = !nested && top.some((c) => /[\\/]/.test(attribute(c, 'name') ?? ''));
  if (flatPaths)
    notes.push(
      'The codebook is flat with names that are paths (a/b or a\\b): they were read as nested tags.',
    );
  const byName = new Map<string, Tag>();

  const add = (name: string, fields: Partial<Tag>, guid: string | null): Tag => {
    let unique = name;
    for (let n = 2; byName.has(unique.toLowerCase()) && guid !== null; n++)
      unique = `${name} (${n})`;
    const existing = byName.get(unique.toLowerCase());
    if (existing) return existing;
    const tag: Tag = {
      id: options.tagId(guid ?? `path:${unique.toLowerCase()}`),
      name: unique,
      color: fields.color ?? colorForIndex(tags.length),
      description: fields.description ?? '',
      createdAt: options.now,
      updatedAt: options.now,
    };
    tags.push(tag);
    byName.set(unique.toLowerCase(), tag);
    return tag;
  };

  const visit = (code: Element, parent: Tag | null) => {
    const guid = normalizeGuid(attribute(code, 'guid') ?? '');
    const rawName = attribute(code, 'name') ?? '';
    const fields = {
      color: nearestColor(attribute(code, 'color')) ?? parent?.color,
      description: childText(code, 'Description').trim(),
    };
    let tag: Tag;
    if (flatPaths) {
      const parts = rawName.split(/[\\/]/).map(safePart);
      let ancestor: Tag | null = null;
      for (const [i, part] of parts.entries()) {
        const path: string = ancestor ? `${ancestor.name}/${part}` : part;
        ancestor =
          i === parts.length - 1
            ? add(path, fields, guid || null)
            : add(path, { color: fields.color }, null);
      }
      tag = ancestor!;
    } else {
      tag = add(
        parent ? `${parent.name}/${safePart(rawName)}` : safePart(rawName),
        fields,
        guid || null,
      );
    }
    if (guid) tagOfGuid.set(guid, tag.id);
    if (attribute(code, 'isCodable') === 'false' && guid) folders.add(guid);
    for (const sub of children(code, 'Code')) visit(sub, tag);
  };
  for (const code of top) visit(code, null);
  if (folders.size > 0)
    notes.push(
      `${folders.size} code${folders.size === 1 ? ' is a folder' : 's are folders'} (not codable in the tool that wrote it); each became a tag, so its sub-codes keep their place.`,
    );
  return { tags, tagOfGuid, folders, notes };
}
