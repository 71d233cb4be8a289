import type { ReaderProps } from './Reader.tsx';

/**
 * Above the text while a highlight that lost its place is re-attached: what to do, with its
 * quote, and a way out. (The button that attaches it is the selection's AttachToolbar.)
 */
export function ReattachBanner({ reattach }: { reattach: NonNullable<ReaderProps['reattach']> }) {
  return (
    <div className="reattach-banner" role="status">
      <span>
        Select the passage where this highlight belongs, then choose <b>Attach here</b>:{' '}
        <q>{reattach.quote}</q>
      </span>
      <button type="button" onClick={reattach.onCancel}>
        Cancel
      </button>
    </div>
  );
}
