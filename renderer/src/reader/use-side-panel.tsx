import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Annotation, NotebookDocument } from '../../../shared/model.ts';
import { PanelTabs } from '../ui/PanelTabs.tsx';
import { useQuotePanel } from './use-quote-panel.ts';
import type { ReaderNavigation } from './use-reader-navigation.ts';

type PanelMode = 'highlights' | 'quotes';
/** Kept while the app runs: coming back to the reader finds the panel as it was left. */
const panelMemory: { mode: PanelMode } = { mode: 'highlights' };

/**
 * The panel beside the reader: the document's highlights, or the quote finder's candidates
 * (Ctrl/Cmd+Shift+A switches), and the tabs between them. One hook, because the mode decides
 * whether the finder runs and what the tabs count.
 */
export function useSidePanel(
  document: NotebookDocument | null,
  annotations: readonly Annotation[],
  selectedId: string | null,
  navigation: Pick<ReaderNavigation, 'jumpTo' | 'revealSpan'>,
) {
  const [mode, setModeState] = useState<PanelMode>(panelMemory.mode);
  const setMode = useCallback((next: PanelMode) => {
    panelMemory.mode = next;
    setModeState(next);
  }, []);
  const quotes = useQuotePanel(document, annotations, selectedId, mode === 'quotes', navigation);
  // Ctrl/Cmd+Shift+A (attributions): find quotes, or back to the highlights. Not Q: ⇧⌘Q is
  // the Mac's Log Out.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.altKey) return;
      if (event.key.toLowerCase() !== 'a') return;
      if (globalThis.document.querySelector('dialog[open]')) return;
      event.preventDefault();
      setMode(panelMemory.mode === 'quotes' ? 'highlights' : 'quotes');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setMode]);

  const highlightCount = annotations.length;
  const { openCount } = quotes;
  // Memoised: the memoised highlights panel then redraws only for changes of its own.
  const tabs = useMemo(
    () => (
      <PanelTabs
        label="Side panel"
        current={mode}
        onChange={setMode}
        tabs={[
          { id: 'highlights', label: 'Highlights', count: highlightCount },
          {
            id: 'quotes',
            label: 'Quotes',
            count: mode === 'quotes' ? openCount : null,
            title: 'Find quotes and their speakers (Ctrl+Shift+A)',
          },
        ]}
      />
    ),
    [mode, setMode, highlightCount, openCount],
  );

  const toggleQuotes = () => setMode(mode === 'quotes' ? 'highlights' : 'quotes');

  return { mode, toggleQuotes, tabs, quotes };
}
