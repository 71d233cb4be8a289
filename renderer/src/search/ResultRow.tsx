import type { Tag } from '../../../shared/model.ts';
import type { SearchHit } from '../../../shared/search/types.ts';
import { MarkedText } from './MarkedText.tsx';

const KIND_LABEL = { quote: 'Quote', note: 'Note', tag: 'Tag', document: 'Document' } as const;

/** One result: its kind, its lines with the matches marked, and where it lives. */
export function ResultRow({ hit, tags }: { hit: SearchHit; tags: ReadonlyMap<string, Tag> }) {
  const tagNames =
    hit.kind === 'tag' ? [] : hit.tagIds.map((id) => tags.get(id)?.name).filter(Boolean);
  return (
    <span className={`result result-${hit.kind}`}>
      <span
        className={`result-icon${hit.color ? ` swatch-${hit.color}` : ''}`}
        aria-hidden="true"
        title={KIND_LABEL[hit.kind]}
      />
      <span className="result-body">
        <span className={hit.kind === 'quote' ? 'result-title result-quote' : 'result-title'}>
          <MarkedText text={hit.title} ranges={hit.titleMatches} />
        </span>
        {hit.detail && (
          <span className="result-detail">
            <MarkedText text={hit.detail} ranges={hit.detailMatches} />
          </span>
        )}
        <span className="result-meta">
          {hit.orphan && <span className="result-orphan">unplaced</span>}
          {hit.kind !== 'document' && hit.documentTitle && (
            <span className="result-doc">{hit.documentTitle}</span>
          )}
          {tagNames.map((name) => (
            <span key={name} className="result-tag">
              {name}
            </span>
          ))}
        </span>
      </span>
    </span>
  );
}
