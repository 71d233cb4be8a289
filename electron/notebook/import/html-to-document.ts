import { webAddress } from '../../../shared/links.ts';
import { DocumentBuilder } from '../../../shared/text/document-builder.ts';
import { walkHtml } from './dom-to-text.ts';
import {
  cleanField,
  normalizeDate,
  type ParsedDocument,
  titleFromFileName,
  titleFromText,
} from './parsed-document.ts';
import { ImportProblem } from './problems.ts';

// jsdom takes a moment to load; only HTML imports pay for it, and only once.
let domLibraries: Promise<{
  JSDOM: typeof import('jsdom').JSDOM;
  VirtualConsole: typeof import('jsdom').VirtualConsole;
  Readability: typeof import('@mozilla/readability').Readability;
}> | null = null;
function loadDomLibraries() {
  domLibraries ??= Promise.all([import('jsdom'), import('@mozilla/readability')]).then(
    ([jsdom, readability]) => ({
      JSDOM: jsdom.JSDOM,
      VirtualConsole: jsdom.VirtualConsole,
      Readability: readability.Readability,
    }),
  );
  return domLibraries;
}

/**
 * Parse HTML into an inert document: jsdom without scripts, without loading any resource, with
 * its console silenced. Pages are only ever read through this.
 */
export async function parseInertHtml(html: string): Promise<Document> {
  const { JSDOM, VirtualConsole } = await loadDomLibraries();
  const dom = new JSDOM(html, {
    contentType: 'text/html',
    virtualConsole: new VirtualConsole(),
    // The defaults, spelled out because they are the safety of this importer.
    runScripts: undefined,
    resources: undefined,
  });
  return dom.window.document;
}

const meta = (doc: Document, selectors: string[]): string | null => {
  for (const selector of selectors) {
    const el = doc.querySelector(selector);
    const value =
      el?.getAttribute('content') ?? el?.getAttribute('datetime') ?? el?.getAttribute('href');
    if (value?.trim()) return value.trim();
  }
  return null;
};

/** Where the page came from: canonical link, Open Graph URL, or a browser's "saved from" note. */
function pageAddress(doc: Document, html: string): string | null {
  const savedFrom = webAddress(
    /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096))?.[1],
  );
  // A relative canonical link is read against the address the page was saved from, if any; one
  // that is still no web address does not hide the Open Graph URL.
  const canonical = meta(doc, ['link[rel~="canonical" i]']);
  return (
    webAddress(canonical ? safeResolve(canonical, savedFrom) : null) ??
    webAddress(meta(doc, ['meta[property="og:url"]'])) ??
    savedFrom
  );
}

function publishedDate(doc: Document): string | null {
  return meta(doc, [
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="date" i]',
    'meta[name="dc.date" i]',
    'meta[name="dc.date.issued" i]',
    'meta[name="pubdate" i]',
    'meta[name="publish-date" i]',
    'meta[name="parsely-pub-date" i]',
    'time[itemprop="datePublished"]',
    'time[pubdate]',
    'article time[datetime]',
  ]);
}

/**
 * Ad slots, by the class names ad tags give them. Readability drops most page furniture but keeps
 * an ad placed between an article's paragraphs, and its class names are gone by the time we walk
 * its output.
 */
const AD_SLOTS = '.ad, .ads, .advert, .advertisement, ins.adsbygoogle, [data-ad-slot]';

function removeAdSlots(doc: Document): Document {
  for (const el of doc.querySelectorAll(AD_SLOTS)) el.remove();
  return doc;
}

const stripBy = (byline: string) => byline.replace(/^\s*(by|von|par|por)\s+/i, '');

/**
 * A saved web page to a document: the article extracted with Mozilla's Readability (the engine of
 * Firefox's reader view), its metadata from the page's own tags, reduced to text structure. When
 * no article can be found (a short fragment, an unusual page), the whole body is used without its
 * navigation, header, footer and asides.
 */
export async function htmlToDocument(
  html: string,
  options: {
    fileName: string;
    fallbackTitle?: string;
    /**
     * A selection the user copied, not a page: all of it is kept (no article extraction, which
     * could drop part of what they chose).
     */
    selection?: boolean;
  },
): Promise<ParsedDocument> {
  const { Readability } = await loadDomLibraries();
  const doc = await parseInertHtml(html);
  const url = pageAddress(doc, html);
  const baseHref = doc.querySelector('base[href]')?.getAttribute('href');
  const baseUrl = webAddress(baseHref ? safeResolve(baseHref, url) : null) ?? url ?? undefined;
  const pageTitle = doc.title;
  const date = publishedDate(doc);
  // Open Graph's article:author is a profile address more often than a name.
  const authorMeta = [
    meta(doc, ['meta[name="author" i]']),
    meta(doc, ['meta[property="article:author"]']),
  ].find((value) => value && !webAddress(value));
  const siteMeta = meta(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]']);
  const h1 = doc.querySelector('h1')?.textContent;

  // Readability changes the tree it reads; the metadata above was taken first.
  const article = options.selection
    ? null
    : new Readability<Node>(removeAdSlots(doc), {
        serializer: (el) => el,
        charThreshold: 200,
      }).parse();

  let built = build(options.selection ? doc.body : article?.content, baseUrl, false);
  if (!options.selection && built.text.length < 40) {
    // Readability found nothing worth calling an article: read the body ourselves.
    const again = removeAdSlots(await parseInertHtml(html));
    built = build(again.body, baseUrl, true);
  }
  if (built.text.trim() === '') {
    throw new ImportProblem('no-text', 'no readable text was found in the page');
  }

  const title =
    cleanField(article?.title) ||
    cleanField(pageTitle) ||
    cleanField(h1) ||
    titleFromText(built.text, built.blocks) ||
    options.fallbackTitle ||
    titleFromFileName(options.fileName);
  const source =
    cleanField(article?.siteName ?? siteMeta) ||
    (url ? new URL(url).hostname.replace(/^www\./, '') : '');
  return {
    format: 'html',
    title,
    author: cleanField(stripBy(article?.byline || authorMeta || ''), 300),
    source,
    url: url ?? '',
    publishedDate: normalizeDate(article?.publishedTime || date),
    ...built,
  };
}

function build(root: Node | null | undefined, baseUrl: string | undefined, skipFurniture: boolean) {
  const builder = new DocumentBuilder();
  if (root) walkHtml(root, builder, { ...(baseUrl ? { baseUrl } : {}), skipFurniture });
  return builder.build();
}

function safeResolve(href: string, base: string | null): string | null {
  try {
    return new URL(href, base ?? undefined).href;
  } catch {
    return null;
  }
}
