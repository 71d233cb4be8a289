import { useCallback, useMemo, useState } from 'react';
import type { Annotation, NotebookDocument } from '../../../shared/model.ts';
import {
  draftSpan,
  openQuotations,
  speakersByAnnotation,
  suggestionKey,
} from '../../../shared/quotes/suggestion-list.ts';
import { useApp } from '../app-services.ts';
import type { QuotePanelProps } from '../quotes/QuotePanel.tsx';
import { useQuoteFinder } from '../quotes/use-quote-finder.ts';
import { useDocumentSwitch } from './use-document-switch.ts';
import type { ReaderNavigation } from './use-reader-navigation.ts';

type Span = { start: number; end: number };

/**
 * The side panel's quote mode for the open document: the quote finder's candidates (asked for
 * only while `active`), marked in the reader with the one chosen in the list, the reader's last
 * selection for "Use current selection", and the panel's actions on them.
 */
export function useQuotePanel(
  document: NotebookDocument | null,
  annotations: readonly Annotation[],
  selectedId: string | null,
  active: boolean,
  { jumpTo, revealSpan }: Pick<ReaderNavigation, 'jumpTo' | 'revealSpan'>,
) {
  const { tags } = useApp();
  const finder = useQuoteFinder(document?.id ?? null, active);
  const [readerSelection, setReaderSelection] = useState<Span | null>(null);
  // The last selection stays available to "Use current selection" after focus moves to the panel.
  const onReaderSelection = useCallback((selection: Span | null) => {
    if (selection) setReaderSelection(selection);
  }, []);
  const [activeQuote, setActiveQuote] = useState<Span | null>(null);

  // Another document starts afresh.
  useDocumentSwitch(selectedId, () => {
    setReaderSelection(null);
    setActiveQuote(null);
  });

  const acceptedSpeakers = useMemo(
    () => speakersByAnnotation(annotations, tags),
    [annotations, tags],
  );
  const candidates = useMemo(() => {
    if (!active || !finder.result || finder.result.documentId !== document?.id) return null;
    const spans = openQuotations(finder.result.suggestions).map((s) => draftSpan(s, finder.drafts));
    // The active candidate is marked where its correction puts it, as its card shows it.
    return { spans, active: activeQuote && draftSpan(activeQuote, finder.drafts) };
  }, [active, finder.result, finder.drafts, document?.id, activeQuote]);

  const openCount =
    finder.result && finder.result.documentId === document?.id
      ? openQuotations(finder.result.suggestions).length
      : null;

  /** The QuotePanel's props, but for its tabs and the document's text. */
  const panel: Omit<QuotePanelProps, 'tabs' | 'text'> = {
    result: document && finder.result?.documentId === document.id ? finder.result : null,
    drafts: finder.drafts,
    acceptedSpeakers,
    selection: readerSelection,
    activeKey: activeQuote && suggestionKey(activeQuote),
    onSelect: (s) => {
      const span = draftSpan(s, finder.drafts);
      setActiveQuote({ start: s.start, end: s.end });
      revealSpan({ start: span.start, end: span.end });
    },
    onAccept: (s, draft) => void finder.accept(s, draft),
    onAcceptAll: () => void finder.acceptAll(),
    onDismiss: (s) => void finder.dismiss(s),
    onRestore: (list) => void finder.restore(list),
    onSaveDraft: finder.setDraft,
    onOpenHighlight: (id) => {
      const annotation = annotations.find((a) => a.id === id);
      if (annotation) jumpTo(annotation);
    },
  };

  return { candidates, onReaderSelection, openCount, panel };
}
