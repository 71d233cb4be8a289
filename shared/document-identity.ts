import type { Block } from './model.ts';
import { comparableText } from './text/comparable.ts';

interface Version {
  url: string;
  title: string;
  text: string;
  blocks: readonly Block[];
}

const paragraphs = (v: Version) =>
  new Set(
    v.blocks.map((b) => comparableText(v.text.slice(b.start, b.end))).filter((p) => p.length >= 20),
  );

/**
 * Is `incoming` a newer version of `existing`, so that importing it should replace the text (and
 * move the highlights) rather than add a document? The same web address is the sign, but pages'
 * own address tags are often wrong (a whole site's articles pointing at its home page), so the
 * address must name a page, not a site, and the two must read as the same piece: the same title,
 * or a good part of the paragraphs in common. When in doubt it is a new document: nothing is
 * lost that way, and "Replace text" is there for the user to decide.
 */
export function isNewerVersionOf(existing: Version, incoming: Version): boolean {
  if (!existing.url || existing.url !== incoming.url) return false;
  let path: string;
  try {
    const url = new URL(existing.url);
    path = `${url.pathname}${url.search}`;
  } catch {
    return false;
  }
  if (path === '/' || path === '') return false;
  if (
    comparableText(existing.title) !== '' &&
    comparableText(existing.title) === comparableText(incoming.title)
  )
    return true;
  const before = paragraphs(existing);
  const after = paragraphs(incoming);
  if (before.size === 0 || after.size === 0) return false;
  let shared = 0;
  for (const p of after) if (before.has(p)) shared++;
  return shared / Math.min(before.size, after.size) >= 0.3;
}
