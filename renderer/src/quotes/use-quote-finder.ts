import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { QuoteSuggestion, QuoteSuggestions } from '../../../shared/contract.ts';
import { plural } from '../../../shared/format.ts';
import {
  type AcceptEntry,
  acceptAllEntries,
  acceptEntry,
  type QuoteDraft,
  suggestionKey,
} from '../../../shared/quotes/suggestion-list.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';

/** Corrections not yet accepted, per document, kept while the app runs (across view changes). */
const draftMemory = new Map<string, Map<string, QuoteDraft>>();

export interface QuoteFinder {
  /** The finder's answer for this document; null while it loads. */
  result: QuoteSuggestions | null;
  drafts: ReadonlyMap<string, QuoteDraft>;
  setDraft(suggestion: QuoteSuggestion, draft: QuoteDraft | null): void;
  accept(suggestion: QuoteSuggestion, draft?: QuoteDraft): Promise<void>;
  acceptAll(): Promise<void>;
  dismiss(suggestion: QuoteSuggestion): Promise<void>;
  restore(suggestions: readonly QuoteSuggestion[]): Promise<void>;
}

/**
 * The quote finder for one document: its candidates (found again whenever highlights, tags or
 * the document change), the researcher's corrections, and accept / dismiss with undo.
 * Nothing is asked of the core while `active` is false.
 */
export function useQuoteFinder(documentId: string | null, active: boolean): QuoteFinder {
  const { offerUndo, onError, notify } = useApp();
  const [result, setResult] = useState<QuoteSuggestions | null>(null);
  const [draftsVersion, setDraftsVersion] = useState(0);

  useEffect(() => {
    if (!active || !documentId) {
      setResult(null);
      return;
    }
    let current = true;
    const load = () =>
      call('findQuotes', { documentId }).then((found) => {
        if (current) setResult(found);
      }, onError);
    setResult((shown) => (shown?.documentId === documentId ? shown : null));
    void load();
    const unsubscribe = window.notebook.onEvent((event) => {
      if (event.type === 'changed' && event.entities.some((e) => e !== 'notes')) void load();
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [active, documentId, onError]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: draftsVersion marks a change to the kept map.
  const drafts = useMemo(() => {
    if (!documentId) return new Map<string, QuoteDraft>();
    return new Map(draftMemory.get(documentId) ?? []);
  }, [documentId, draftsVersion]);

  const setDraft = useCallback(
    (suggestion: QuoteSuggestion, draft: QuoteDraft | null) => {
      if (!documentId) return;
      const map = draftMemory.get(documentId) ?? new Map<string, QuoteDraft>();
      if (draft) map.set(suggestionKey(suggestion), draft);
      else map.delete(suggestionKey(suggestion));
      draftMemory.set(documentId, map);
      setDraftsVersion((v) => v + 1);
    },
    [documentId],
  );

  /** Drop the corrections of accepted candidates; returns them, for an undo to put back. */
  const forget = useCallback(
    (suggestions: readonly QuoteSuggestion[]) => {
      const map = documentId ? draftMemory.get(documentId) : undefined;
      const forgotten = new Map<string, QuoteDraft>();
      if (!map) return () => {};
      for (const s of suggestions) {
        const key = suggestionKey(s);
        const draft = map.get(key);
        if (draft) forgotten.set(key, draft);
        map.delete(key);
      }
      setDraftsVersion((v) => v + 1);
      return () => {
        for (const [key, draft] of forgotten) map.set(key, draft);
        setDraftsVersion((v) => v + 1);
      };
    },
    [documentId],
  );

  /** The undo of each dismissal still on offer, by document and words. */
  const dismissUndos = useRef(new Map<string, () => void>());

  // Candidates with an accept or dismiss on its way: a double click or a second press of A
  // before the list updates sends nothing more.
  const inFlight = useRef(new Set<string>());
  const claim = useCallback((suggestions: readonly QuoteSuggestion[]) => {
    const keys = suggestions.map(suggestionKey);
    if (keys.length === 0 || keys.some((k) => inFlight.current.has(k))) return null;
    for (const k of keys) inFlight.current.add(k);
    return () => {
      for (const k of keys) inFlight.current.delete(k);
    };
  }, []);

  const acceptEntries = useCallback(
    async (
      suggestions: readonly QuoteSuggestion[],
      entries: AcceptEntry[],
      message: string,
      label: string,
    ) => {
      if (!documentId || entries.length === 0) return;
      const release = claim(suggestions);
      if (!release) return;
      try {
        const { annotations, createdTagIds } = await call('acceptQuotes', {
          documentId,
          quotes: entries,
        });
        // Already accepted (in another window, say): nothing new, nothing to undo.
        if (annotations.length === 0) return;
        const putBack = forget(suggestions);
        offerUndo(message, label, async () => {
          const { kept } = await call('undoAcceptQuotes', {
            annotationIds: annotations.map((a) => a.id),
            tagIds: createdTagIds,
          });
          // The cards come back with the corrections they were accepted with.
          putBack();
          if (kept > 0)
            notify({
              tone: 'info',
              message: `${plural(kept, 'highlight')} kept: changed since the accept.`,
            });
        });
      } catch (error) {
        onError(error);
      } finally {
        release();
      }
    },
    [documentId, claim, forget, offerUndo, notify, onError],
  );

  const accept = useCallback(
    (suggestion: QuoteSuggestion, draft?: QuoteDraft) => {
      const entry = acceptEntry(suggestion, draft ?? drafts.get(suggestionKey(suggestion)));
      return acceptEntries(
        [suggestion],
        [entry],
        entry.speaker ? `Quote by ${entry.speaker} accepted.` : 'Quote accepted.',
        'accept quote',
      );
    },
    [acceptEntries, drafts],
  );

  const acceptAll = useCallback(() => {
    const { suggestions, entries } = acceptAllEntries(result?.suggestions ?? [], drafts);
    return acceptEntries(
      suggestions,
      entries,
      `${plural(entries.length, 'quote')} accepted.`,
      'accept all quotes',
    );
  }, [acceptEntries, result, drafts]);

  const dismiss = useCallback(
    async (suggestion: QuoteSuggestion) => {
      if (!documentId) return;
      const release = claim([suggestion]);
      if (!release) return;
      try {
        await call('dismissQuotes', {
          documentId,
          quotes: [{ start: suggestion.start, text: suggestion.text }],
        });
        const key = `${documentId}\n${suggestion.text}`;
        const withdraw = offerUndo('Quote dismissed.', 'dismiss quote', async () => {
          await call('undismissQuotes', { documentId, texts: [suggestion.text] });
          dismissUndos.current.delete(key);
        });
        dismissUndos.current.set(key, withdraw);
      } catch (error) {
        onError(error);
      } finally {
        release();
      }
    },
    [documentId, claim, offerUndo, onError],
  );

  const restore = useCallback(
    async (suggestions: readonly QuoteSuggestion[]) => {
      if (!documentId || suggestions.length === 0) return;
      try {
        await call('undismissQuotes', { documentId, texts: suggestions.map((s) => s.text) });
        // Restored by hand: their "Quote dismissed" notices have nothing left to undo.
        for (const s of suggestions) {
          const key = `${documentId}\n${s.text}`;
          dismissUndos.current.get(key)?.();
          dismissUndos.current.delete(key);
        }
      } catch (error) {
        onError(error);
      }
    },
    [documentId, onError],
  );

  return { result, drafts, setDraft, accept, acceptAll, dismiss, restore };
}
