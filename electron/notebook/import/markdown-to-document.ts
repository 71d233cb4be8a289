import type { Nodes, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { safeHref, webAddress } from '../../../shared/links.ts';
import { type BlockKind, DocumentBuilder } from '../../../shared/text/document-builder.ts';
import { walkHtml } from './dom-to-text.ts';
import { parseInertHtml } from './html-to-document.ts';
import {
  cleanField,
  normalizeDate,
  type ParsedDocument,
  titleFromFileName,
  titleFromText,
} from './parsed-document.ts';

// CommonMark plus GitHub's tables, strikethrough and autolinks, and YAML front matter (as
// Obsidian and static-site generators write it).
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

interface Context {
  kind: BlockKind;
  listDepth: number;
}

/** Raw HTML that opens an element whose content is not text (its inner text is skipped too). */
const SKIPPED_INLINE =
  /^<(script|style|iframe|object|embed|template|noscript|svg|math|textarea|select|button|title|option)\b/i;

/**
 * Markdown to a document: headings, paragraphs, nested lists, block quotes, code, emphasis and
 * links become the document's blocks and marks. Raw HTML in the Markdown is read as text through
 * the same inert path as imported pages; images are left out.
 */
export async function markdownToDocument(
  markdown: string,
  options: { fileName: string; fallbackTitle?: string },
): Promise<ParsedDocument> {
  const tree = processor.parse(markdown) as Root;
  const front = frontMatter(tree);
  const definitions = new Map<string, string>();
  for (const node of tree.children)
    if (node.type === 'definition') definitions.set(node.identifier, node.url);
  const url = webAddress(stringField(front, ['url', 'source_url', 'canonical', 'link']));

  const builder = new DocumentBuilder();
  const link = (href: string) => safeHref(href, url ?? undefined);

  // Inside a paragraph, heading or table cell, raw HTML is a lone tag, not a block.
  let inlineDepth = 0;
  const walkChildren = async (children: readonly Nodes[], ctx: Context) => {
    let skipping: string | null = null;
    for (const child of children) {
      if (child.type === 'html' && inlineDepth > 0) {
        // Inline tags are dropped; the text between them stays, except inside script-like tags
        // (and a script inside an svg ends the skip at the svg's end tag, not at its own).
        const open: RegExpExecArray | null = skipping ? null : SKIPPED_INLINE.exec(child.value);
        if (open && !new RegExp(`</${open[1]}\\s*>`, 'i').test(child.value))
          skipping = open[1]!.toLowerCase();
        else if (skipping && new RegExp(`^</${skipping}\\s*>`, 'i').test(child.value))
          skipping = null;
        continue;
      }
      if (skipping) continue;
      await walk(child, ctx);
    }
  };

  const inline = async (node: { children: Nodes[] }, ctx: Context) => {
    inlineDepth++;
    await walkChildren(node.children, ctx);
    inlineDepth--;
  };
  const blockOf = async (node: { children: Nodes[] }, ctx: Context, kind: BlockKind) => {
    builder.break();
    await inline(node, { ...ctx, kind });
    builder.break();
  };

  async function walk(node: Nodes, ctx: Context): Promise<void> {
    switch (node.type) {
      case 'text':
        return builder.text(node.value, ctx.kind);
      case 'inlineCode': {
        const token = builder.openMark({ type: 'code' });
        builder.text(node.value, ctx.kind);
        return builder.closeMark(token);
      }
      case 'emphasis':
      case 'strong': {
        const token = builder.openMark({ type: node.type });
        await inline(node, ctx);
        return builder.closeMark(token);
      }
      case 'delete':
        return inline(node, ctx);
      case 'link':
      case 'linkReference': {
        const target = node.type === 'link' ? node.url : definitions.get(node.identifier);
        const href = target ? link(target) : null;
        const token = href ? builder.openMark({ type: 'link', href }) : null;
        await inline(node, ctx);
        if (token !== null) builder.closeMark(token);
        return;
      }
      case 'break':
        // A hard line break starts a new block of the same kind: stored text has no line
        // breaks inside a paragraph.
        return builder.break();
      case 'heading':
        return blockOf(node, ctx, { type: 'heading', level: node.depth });
      case 'paragraph':
        return blockOf(node, ctx, ctx.kind);
      case 'blockquote':
        builder.break();
        await walkChildren(node.children, { ...ctx, kind: { type: 'blockquote' } });
        return builder.break();
      case 'list': {
        const depth = Math.min(ctx.listDepth + 1, 6);
        for (const item of node.children) {
          builder.break();
          const kind: BlockKind = {
            type: 'list-item',
            level: depth,
            ordered: node.ordered ?? false,
          };
          await walkChildren(item.children, { kind, listDepth: depth });
          builder.break();
        }
        return;
      }
      case 'code':
        builder.break();
        builder.text(node.value, { type: 'code' });
        return builder.break();
      case 'table':
        for (const row of node.children) {
          builder.break();
          inlineDepth++;
          for (const [i, cell] of row.children.entries()) {
            if (i > 0) builder.text(' | ', ctx.kind);
            await walkChildren(cell.children, ctx);
          }
          inlineDepth--;
          builder.break();
        }
        return;
      case 'html': {
        // A block of raw HTML: read its text the way an imported page is read.
        builder.break();
        const doc = await parseInertHtml(`<body>${node.value}</body>`);
        walkHtml(doc.body, builder, url ? { baseUrl: url } : {});
        return builder.break();
      }
      case 'footnoteDefinition':
        return walkChildren(node.children, ctx);
      case 'thematicBreak':
        return builder.break();
      case 'image':
      case 'imageReference':
      case 'definition':
      case 'yaml':
      case 'footnoteReference':
        return;
      default:
        if ('children' in node) return walkChildren(node.children as Nodes[], ctx);
    }
  }

  await walkChildren(tree.children as RootContent[], {
    kind: { type: 'paragraph' },
    listDepth: -1,
  });
  const built = builder.build();

  const firstHeading = (depth?: number) =>
    built.blocks.find((b) => b.type === 'heading' && (depth === undefined || b.level === depth));
  const heading = firstHeading(1) ?? firstHeading();
  const title =
    cleanField(stringField(front, ['title'])) ||
    (heading ? cleanField(built.text.slice(heading.start, heading.end)) : '') ||
    titleFromText(built.text, built.blocks) ||
    options.fallbackTitle ||
    titleFromFileName(options.fileName);
  return {
    format: 'markdown',
    title,
    author: cleanField(stringField(front, ['author', 'authors', 'byline']), 300),
    source: cleanField(stringField(front, ['source', 'site', 'publisher', 'publication'])),
    url: url ?? '',
    publishedDate: normalizeDate(
      stringField(front, ['date', 'published', 'publishedDate', 'created']),
    ),
    ...built,
  };
}

/** YAML front matter as a plain object; a malformed block is ignored, not fatal. */
function frontMatter(tree: Root): Record<string, unknown> {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return {};
  try {
    const value: unknown = parseYaml(node.value, { maxAliasCount: 10 });
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function stringField(front: Record<string, unknown>, keys: string[]): string {
  for (const key of keys) {
    const value = front[key];
    if (typeof value === 'string' && value.trim()) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  }
  return '';
}
