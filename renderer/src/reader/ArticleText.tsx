import { Fragment, memo, type ReactNode } from 'react';
import type { Block, Mark, NotebookDocument } from '../../../shared/model.ts';
import { listMarkers } from '../../../shared/text/list-markers.ts';
import { blockSegments } from '../../../shared/text/segments.ts';
import { laysOutLazily } from './lazy-layout.ts';

function wrap(mark: Mark, child: ReactNode): ReactNode {
  switch (mark.type) {
    case 'emphasis':
      return <em>{child}</em>;
    case 'strong':
      return <strong>{child}</strong>;
    case 'code':
      return <code>{child}</code>;
    case 'link':
      // Never navigated in the app: a click selects text as anywhere in the article, and
      // Ctrl/Cmd+click asks to open the address in the browser (after a confirmation).
      return (
        <span
          className="doc-link"
          data-href={mark.href}
          title={mark.href ? `${mark.href}\nCtrl+click to open in your browser` : undefined}
        >
          {child}
        </span>
      );
  }
}

function BlockContent({
  text,
  block,
  marks,
}: {
  text: string;
  block: Block;
  marks: readonly Mark[];
}) {
  return (
    <>
      {blockSegments(block, marks).map((segment) => {
        const key = String(segment.start);
        let node: ReactNode = (
          <span data-start={segment.start}>{text.slice(segment.start, segment.end)}</span>
        );
        for (const mark of segment.marks) node = wrap(mark, node);
        return <Fragment key={key}>{node}</Fragment>;
      })}
    </>
  );
}

/**
 * The document as ordinary DOM text, one element per block. Every run of text sits in a span
 * carrying its offset (`data-start`), which is all the highlighting layer needs: highlights are
 * drawn over this DOM, never inserted into it.
 */
// Memoised: a long text drawn in slices renders again for each slice, and the blocks already
// drawn (same text, block and marks) are then skipped rather than compared span by span.
const BlockView = memo(function BlockView({
  text,
  block,
  marks,
  marker,
  lazy,
}: {
  text: string;
  block: Block;
  marks: readonly Mark[];
  marker: string | null;
  /** In a text laid out lazily: the block's length, from which CSS guesses its height unseen. */
  lazy: boolean;
}) {
  const content = <BlockContent text={text} block={block} marks={marks} />;
  const chars: Record<string, number> = lazy ? { '--chars': block.end - block.start } : {};
  switch (block.type) {
    case 'heading': {
      const level = Math.min(Math.max(block.level ?? 1, 1), 5) + 1;
      const Heading = `h${level}` as 'h2';
      return <Heading style={chars as React.CSSProperties}>{content}</Heading>;
    }
    case 'list-item':
      return (
        <p
          className="list-item"
          data-marker={marker ?? '•'}
          style={{ ...chars, '--depth': block.level ?? 0 } as React.CSSProperties}
        >
          {content}
        </p>
      );
    case 'blockquote':
      return <blockquote style={chars as React.CSSProperties}>{content}</blockquote>;
    case 'code':
      return <pre style={chars as React.CSSProperties}>{content}</pre>;
    default:
      return <p style={lazy ? (chars as React.CSSProperties) : undefined}>{content}</p>;
  }
});

export const ArticleText = memo(function ArticleText({
  document,
  shown,
}: {
  document: NotebookDocument;
  /** How many of its blocks to draw (a long text draws them in slices: `useBlocksShown`). */
  shown: number;
}) {
  const { text, blocks, marks } = document;
  const markers = listMarkers(blocks);
  const lazy = laysOutLazily(document);
  return (
    <>
      {blocks.slice(0, shown).map((block, i) => (
        <BlockView
          key={block.start}
          text={text}
          block={block}
          marks={marks}
          marker={markers[i] ?? null}
          lazy={lazy}
        />
      ))}
    </>
  );
});
