import { type ComponentProps, createContext, type ReactNode, useContext, useMemo } from 'react';
import Markdown, { type Components, type ExtraProps, type UrlTransform } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { webAddress } from '../../../shared/links.ts';
import type { QuoteReference } from '../../../shared/model.ts';
import { QUOTE_LINK_PREFIX, quoteIdFromLink } from '../../../shared/note-links.ts';
import { AppServicesContext } from '../app-services.ts';
import { openLink } from '../open-link.ts';

/** Links kept in a rendered note: citations of quotes, web addresses and e-mail. */
const SAFE_URL = /^(https?:|mailto:)/i;

/** Keep citations and ordinary web and mail links; everything else loses its address. */
export const noteUrlTransform: UrlTransform = (url) =>
  url.startsWith(QUOTE_LINK_PREFIX) || SAFE_URL.test(url.trim()) ? url : '';

interface QuoteLookup {
  refs: ReadonlyMap<string, QuoteReference>;
  onOpenQuote: (annotationId: string) => void;
}
const QuoteContext = createContext<QuoteLookup>({ refs: new Map(), onOpenQuote: () => {} });

/** The bits of a hast node this file reads. */
interface HastNode {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function textOf(node: HastNode | undefined): string {
  if (!node) return '';
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** The first quote a block cites (its citation line), to colour the block like the highlight. */
function firstQuoteId(node: HastNode | undefined): string | null {
  if (!node) return null;
  if (node.tagName === 'a' && typeof node.properties?.href === 'string') {
    const id = quoteIdFromLink(node.properties.href);
    if (id) return id;
  }
  for (const child of node.children ?? []) {
    const id = firstQuoteId(child);
    if (id) return id;
  }
  return null;
}

function QuoteCitation({
  annotationId,
  node,
  children,
}: {
  annotationId: string;
  node: HastNode | undefined;
  children: ReactNode;
}) {
  const { refs, onOpenQuote } = useContext(QuoteContext);
  const ref = refs.get(annotationId);
  const text = textOf(node);
  const missing = ref !== undefined && !ref.found;
  return (
    <button
      type="button"
      className={`citation${ref?.found ? ` card-${ref.color}` : ''}${missing ? ' citation-missing' : ''}`}
      title={
        ref?.found
          ? `Show this quote in “${ref.documentTitle || 'Untitled document'}”`
          : missing
            ? 'This quote was deleted'
            : undefined
      }
      onClick={() => onOpenQuote(annotationId)}
    >
      <span className="visually-hidden">Open quote: </span>
      <svg className="citation-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <path
          d="M3 9.5C3 6.5 4.5 4.6 7 4v1.6c-1.3.5-2 1.4-2.1 2.6H7V12H3zm6 0c0-3 1.5-4.9 4-5.5v1.6c-1.3.5-2 1.4-2.1 2.6H13V12H9z"
          fill="currentColor"
        />
      </svg>
      <span className="citation-text">{text.trim() ? children : 'Quote'}</span>
      {ref?.found && ref.documentTitle && !text.includes(ref.documentTitle) && (
        <span className="citation-doc">{ref.documentTitle}</span>
      )}
      {missing && <span className="citation-flag">quote deleted</span>}
    </button>
  );
}

/** A block quote, ruled in the colour of the highlight it cites (when it cites one). */
function QuoteBlock({ node, children }: ComponentProps<'blockquote'> & ExtraProps) {
  const { refs } = useContext(QuoteContext);
  const id = firstQuoteId(node as HastNode | undefined);
  const ref = id ? refs.get(id) : undefined;
  return (
    <blockquote className={`md-quote${ref?.found ? ` card-${ref.color}` : ''}`}>
      {children}
    </blockquote>
  );
}

/** A quote's source line, "— [citation](marginalia://quote/…)", as quoteBlock writes it. */
function isSourceLine(node: HastNode | undefined): boolean {
  const [dash, link, ...rest] = node?.children ?? [];
  return (
    rest.length === 0 &&
    dash?.type === 'text' &&
    /^\s*[—–-]\s*$/.test(dash.value ?? '') &&
    link?.tagName === 'a' &&
    typeof link.properties?.href === 'string' &&
    quoteIdFromLink(link.properties.href) !== null
  );
}

function Paragraph({ node, children }: ComponentProps<'p'> & ExtraProps) {
  return isSourceLine(node as HastNode | undefined) ? (
    <p className="quote-source">{children}</p>
  ) : (
    <p>{children}</p>
  );
}

/** A web link in a note: the browser opens it, after the user confirms (see openLink). */
function WebLink({ url, children }: { url: string; children: ReactNode }) {
  const app = useContext(AppServicesContext);
  return (
    <button
      type="button"
      className="md-link md-web-link"
      title={`${url}\nOpen in your browser`}
      onClick={() => openLink(url).catch((error: unknown) => app?.onError(error))}
    >
      {children}
    </button>
  );
}

const components: Components = {
  p: Paragraph,
  a({ href, node, children }) {
    const quoteId = href ? quoteIdFromLink(href) : null;
    if (quoteId) {
      return (
        <QuoteCitation annotationId={quoteId} node={node as HastNode | undefined}>
          {children}
        </QuoteCitation>
      );
    }
    // Nothing navigates away from the app: a web link asks the core, which asks the user,
    // to open it in the browser; anything else is its text, with the address on hover.
    const web = webAddress(href);
    if (!web)
      return (
        <span className="md-link" title={href || undefined}>
          {children}
        </span>
      );
    return <WebLink url={web}>{children}</WebLink>;
  },
  img({ alt, src }) {
    // An offline notebook loads no images from the web; show what the image was.
    return (
      <span className="md-image" title={typeof src === 'string' && src ? src : undefined}>
        [{alt || 'image'}]
      </span>
    );
  },
  blockquote: QuoteBlock,
};

const remarkPlugins = [remarkGfm];

/**
 * A note's Markdown, rendered safely: GitHub-flavoured Markdown without any raw HTML, links
 * limited to citations, web and mail addresses, and citations shown as buttons that open the
 * quote in the reader.
 */
export function MarkdownPreview({
  markdown,
  refs,
  onOpenQuote,
}: {
  markdown: string;
  refs: ReadonlyMap<string, QuoteReference>;
  onOpenQuote: (annotationId: string) => void;
}) {
  const lookup = useMemo(() => ({ refs, onOpenQuote }), [refs, onOpenQuote]);
  return (
    <QuoteContext.Provider value={lookup}>
      <Markdown
        remarkPlugins={remarkPlugins}
        skipHtml
        urlTransform={noteUrlTransform}
        components={components}
      >
        {markdown}
      </Markdown>
    </QuoteContext.Provider>
  );
}
