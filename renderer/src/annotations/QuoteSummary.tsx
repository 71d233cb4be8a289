import type { ReactNode } from 'react';
import { quoteText } from '../../../shared/annotations.ts';
import type { Annotation, Tag } from '../../../shared/model.ts';
import { hasOwnMarks } from '../../../shared/quotes/suggestion-list.ts';

/** A quote as its cards show it: the text, a remark under it, its tags and its comment. */
export function QuoteSummary({
  annotation,
  tagById,
  remark,
}: {
  annotation: Annotation;
  tagById: ReadonlyMap<string, Tag>;
  remark?: ReactNode;
}) {
  return (
    <>
      {'area' in annotation.target ? (
        // An area has no words: the card names the page it marks.
        <span className="card-quote card-area">{quoteText(annotation)}</span>
      ) : (
        <q className={hasOwnMarks(quoteText(annotation)) ? 'card-quote own-marks' : 'card-quote'}>
          {quoteText(annotation)}
        </q>
      )}
      {remark}
      {annotation.tagIds.length > 0 && (
        <span className="card-tags">
          {annotation.tagIds.map((id) => {
            const tag = tagById.get(id);
            return tag ? (
              <span key={id} className={`chip chip-${tag.color}`}>
                {tag.name}
              </span>
            ) : null;
          })}
        </span>
      )}
      {annotation.comment && <span className="card-comment">{annotation.comment}</span>}
    </>
  );
}
