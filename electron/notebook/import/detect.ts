import type { ImportFormat } from '../../../shared/import.ts';

const BY_EXTENSION: Record<string, ImportFormat> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
};

/** The format a file name claims, or null when its ending says nothing we know. */
export function formatFromName(name: string): ImportFormat | null {
  const match = /\.([a-z0-9]+)$/i.exec(name);
  return (match && BY_EXTENSION[match[1]!.toLowerCase()]) || null;
}

/** For a name without a known ending (or pasted text): HTML if it reads like a page. */
export function sniffFormat(text: string): ImportFormat {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/^(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)/.test(head)) return 'html';
  if (/^<(head|body|article|main|div|p|h[1-6])[\s>]/.test(head)) return 'html';
  return 'text';
}
