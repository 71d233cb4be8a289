import { parseDocument, stringify } from 'yaml';

/** The front matter keys the export owns; any other key a user added in Obsidian is kept. */
export const OWN_KEYS = [
  'title',
  'authors',
  'citation-key',
  'url',
  'doi',
  'source',
  'published',
  'document',
  'created',
  'updated',
  'tags',
  'aliases',
  'marginalia-id',
  'marginalia-type',
] as const;
export type OwnKey = (typeof OWN_KEYS)[number];

/** What a file of the export is: the id of its document or note and which of the two. */
export type MarginaliaType = 'document' | 'note';

/**
 * YAML front matter: the export's fields in a fixed order (empty ones left out, so a document
 * without authors has no `authors`), then the properties the user added to the file in Obsidian,
 * as they were.
 */
export function frontMatter(
  fields: Partial<Record<OwnKey, string | readonly string[] | undefined>>,
  kept: ReadonlyMap<string, unknown> = new Map(),
): string {
  const data: Record<string, unknown> = {};
  for (const key of OWN_KEYS) {
    const value = fields[key];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0))
      continue;
    data[key] = value;
  }
  for (const [key, value] of kept)
    if (!(OWN_KEYS as readonly string[]).includes(key)) data[key] = value;
  return `---\n${stringify(data, { lineWidth: 0 })}---\n`;
}

/** The front matter of a Markdown file as data, or null when it has none or it does not parse. */
export function readFrontMatter(text: string): Map<string, unknown> | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(
    text.replace(/^\uFEFF/, ''),
  );
  if (!match) return null;
  const doc = parseDocument(match[1]!, { uniqueKeys: false });
  if (doc.errors.length > 0) return null;
  const value: unknown = doc.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return new Map(Object.entries(value as Record<string, unknown>));
}

/** Which document or note of the notebook an exported file holds, from its front matter. */
export function marginaliaOwner(
  data: ReadonlyMap<string, unknown> | null,
): { type: MarginaliaType; id: string } | null {
  const id = data?.get('marginalia-id');
  const type = data?.get('marginalia-type');
  if (typeof id !== 'string' || !id) return null;
  if (type !== 'document' && type !== 'note') return null;
  return { type, id };
}
