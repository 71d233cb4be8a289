import { safeHref } from '../../../shared/links.ts';
import type { BlockKind, DocumentBuilder } from '../../../shared/text/document-builder.ts';

/**
 * Reduce a parsed HTML tree to text structure. Only text, block boundaries, emphasis and safe
 * links come out; everything active or remote (scripts, handlers, frames, forms, media, styles)
 * is skipped without reading inside it. Nothing of the HTML itself is kept.
 */

// Elements whose content is never text for a reader.
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'FRAME',
  'FRAMESET',
  'OBJECT',
  'EMBED',
  'APPLET',
  'FORM',
  'INPUT',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
  'OPTION',
  'SVG',
  'MATH',
  'CANVAS',
  'AUDIO',
  'VIDEO',
  'IMG',
  'PICTURE',
  'SOURCE',
  'TRACK',
  'MAP',
  'AREA',
  'LINK',
  'META',
  'HEAD',
  'TITLE',
  'BASE',
  'DIALOG',
  'SLOT',
  'PORTAL',
]);
/** Page furniture, skipped when there is no extracted article to rely on. */
export const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'MENU']);
const PARAGRAPHS = new Set([
  'P',
  'DT',
  'DD',
  'FIGCAPTION',
  'ADDRESS',
  'SUMMARY',
  'CAPTION',
  'LEGEND',
]);
const CONTAINERS = new Set([
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'BODY',
  'HTML',
  'DL',
  'FIGURE',
  'DETAILS',
  'CENTER',
  'HGROUP',
  'FIELDSET',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'NAV',
]);
const EMPHASIS = new Set(['EM', 'I', 'CITE', 'DFN', 'VAR']);
const STRONG = new Set(['STRONG', 'B']);
const CODE = new Set(['CODE', 'KBD', 'SAMP', 'TT']);

interface Context {
  kind: BlockKind;
  listDepth: number;
  ordered: boolean;
}

export interface WalkOptions {
  /** Address relative links are resolved against; without one they are dropped. */
  baseUrl?: string;
  /** Also skip navigation, headers, footers and asides. */
  skipFurniture?: boolean;
}

const ELEMENT = 1;
const TEXT = 3;
const DOCUMENT = 9;
const FRAGMENT = 11;

function hidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return style !== null && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

export function walkHtml(root: Node, builder: DocumentBuilder, options: WalkOptions = {}): void {
  const paragraph: BlockKind = { type: 'paragraph' };
  walk(root, { kind: paragraph, listDepth: -1, ordered: false });

  function children(node: Node, ctx: Context) {
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child, ctx);
  }

  function block(node: Node, ctx: Context) {
    builder.break();
    children(node, ctx);
    builder.break();
  }

  function marked(node: Node, ctx: Context, mark: Parameters<DocumentBuilder['openMark']>[0]) {
    const token = builder.openMark(mark);
    children(node, ctx);
    builder.closeMark(token);
  }

  function walk(node: Node, ctx: Context): void {
    if (node.nodeType === TEXT) builder.text(node.nodeValue ?? '', ctx.kind);
    else if (node.nodeType === DOCUMENT || node.nodeType === FRAGMENT) children(node, ctx);
    // Comments, processing instructions and the like carry nothing to read.
    else if (node.nodeType === ELEMENT) element(node as Element, ctx);
  }

  function element(el: Element, ctx: Context): void {
    const tag = el.tagName.toUpperCase();
    if (SKIP.has(tag) || hidden(el)) return;
    if (options.skipFurniture && FURNITURE.has(tag)) return;
    const heading = /^H([1-6])$/.exec(tag);
    if (heading) block(el, { ...ctx, kind: { type: 'heading', level: Number(heading[1]) } });
    else if (tag === 'BR') {
      if (ctx.kind.type === 'code') builder.text('\n', ctx.kind);
      else builder.break();
    } else if (tag === 'HR') builder.break();
    else if (tag === 'UL' || tag === 'OL')
      block(el, { ...ctx, listDepth: Math.min(ctx.listDepth + 1, 6), ordered: tag === 'OL' });
    else if (tag === 'LI')
      block(el, {
        ...ctx,
        kind: { type: 'list-item', level: Math.max(0, ctx.listDepth), ordered: ctx.ordered },
      });
    else if (tag === 'BLOCKQUOTE') block(el, { ...ctx, kind: { type: 'blockquote' } });
    else if (tag === 'PRE') block(el, { ...ctx, kind: { type: 'code' } });
    else if (tag === 'TD' || tag === 'TH') {
      if (el.previousElementSibling) builder.text(' | ', ctx.kind);
      children(el, ctx);
    } else if (tag === 'A') {
      const href = el.getAttribute('href');
      const safe = href === null ? null : safeHref(href, options.baseUrl);
      if (safe) marked(el, ctx, { type: 'link', href: safe });
      else children(el, ctx);
    } else if (tag === 'TR' || PARAGRAPHS.has(tag) || CONTAINERS.has(tag)) block(el, ctx);
    else if (EMPHASIS.has(tag)) marked(el, ctx, { type: 'emphasis' });
    else if (STRONG.has(tag)) marked(el, ctx, { type: 'strong' });
    else if (CODE.has(tag) && ctx.kind.type !== 'code') marked(el, ctx, { type: 'code' });
    else children(el, ctx);
  }
}
