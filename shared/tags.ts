import type { Tag } from './model.ts';

/** Tidy a typed tag name: trim, single spaces, no spaces around the `/` of a path. */
export function normalizeTagName(input: string): string {
  return input
    .split('/')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .join('/');
}

/**
 * Tags to offer while typing: an exact name first, then names that start with the query, then names with a path
 * segment or word that starts with it, then any that contain it. Tags already chosen are left out.
 */
export function suggestTags(
  tags: readonly Tag[],
  query: string,
  exclude: ReadonlySet<string> = new Set(),
  limit = 8,
): Tag[] {
  const q = normalizeTagName(query).toLowerCase();
  const rank = (tag: Tag): number => {
    const name = tag.name.toLowerCase();
    if (q === '') return 3;
    if (name === q) return 0;
    if (name.startsWith(q)) return 1;
    if (name.split(/[/\s_-]/).some((part) => part.startsWith(q))) return 2;
    if (name.includes(q)) return 3;
    return -1;
  };
  return tags
    .filter((t) => !exclude.has(t.id))
    .map((tag) => ({ tag, r: rank(tag) }))
    .filter(({ r }) => r >= 0)
    .sort((a, b) => a.r - b.r || a.tag.name.localeCompare(b.tag.name))
    .slice(0, limit)
    .map(({ tag }) => tag);
}

/** An exact (case-insensitive) name match, which Enter picks instead of creating a duplicate. */
export function findTagByName(tags: readonly Tag[], name: string): Tag | undefined {
  const wanted = normalizeTagName(name).toLowerCase();
  return tags.find((t) => t.name.toLowerCase() === wanted);
}

/**
 * A quote's or note's tags after a change: a full replacement (`tagIds`) or additions and
 * removals relative to what it has. `undefined` when the change does not touch tags.
 */
export function nextTagIds(
  current: readonly string[],
  change: {
    tagIds?: readonly string[];
    addTagIds?: readonly string[];
    removeTagIds?: readonly string[];
  },
): string[] | undefined {
  if (change.tagIds) return [...new Set(change.tagIds)];
  const add = change.addTagIds ?? [];
  const removing = new Set(change.removeTagIds ?? []);
  if (add.length === 0 && removing.size === 0) return undefined;
  return [...new Set([...current, ...add])].filter((t) => !removing.has(t));
}
