import { useCallback, useMemo, useRef, useState } from 'react';
import type { Annotation, Coder, LayerHighlight, NotebookDocument } from '../../../shared/model.ts';
import {
  type CodeCluster,
  codeClusters,
  type SettleHow,
  settledRange,
} from '../../../shared/rounds/compare.ts';
import type { RoundSummary } from '../../../shared/rounds/summary.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { useLiveValue } from '../use-live-list.ts';

interface Shown {
  document: NotebookDocument;
  layers: { coder: Coder; highlights: LayerHighlight[] }[];
}

export interface RoundCompare {
  document: NotebookDocument | null;
  coders: Coder[];
  /** The coders not hidden by the filter, in order (the same array until either changes). */
  shownCoders: Coder[];
  clusters: CodeCluster[];
  /** Clusters the coders drew differently, in text order, and whether each is settled. */
  disagreements: CodeCluster[];
  settled(cluster: CodeCluster): boolean;
  current: CodeCluster | null;
  position: number;
  step(by: 1 | -1): void;
  tagFilter: string;
  setTagFilter(tagId: string): void;
  hiddenCoders: ReadonlySet<string>;
  toggleCoder(id: string): void;
  settle(how: Exclude<SettleHow, 'edit'> | 'edit', coder?: string): Promise<void>;
}

/**
 * One document of a lead's round as the coders coded it: each coder's layer, the clusters per
 * code (agreements and disagreements), filters by code and coder, a cursor over the
 * disagreements, and settling the current one into a consensus highlight (with Undo).
 */
export function useRoundCompare(round: RoundSummary, documentId: string | null): RoundCompare {
  const { onError, offerUndo, openQuote } = useApp();
  // The document and the coders' layers on it arrive together, so the comparison is drawn once
  // with both (never the new text without its marks, or the old with the new layers); until
  // they have, the previous document's comparison stays. The text is kept between reloads of
  // the layers (a coder's file collected), which do not change it.
  const kept = useRef<NotebookDocument | null>(null);
  const loadShown = useCallback(async (): Promise<Shown | null> => {
    if (!documentId) return null;
    const cached = kept.current?.id === documentId ? kept.current : null;
    const [document, layers] = await Promise.all([
      cached ?? call('getDocument', { id: documentId }),
      call('roundLayers', { roundId: round.id, documentId }),
    ]);
    kept.current = document;
    return { document, layers };
  }, [round.id, documentId]);
  const [shown] = useLiveValue<Shown | null>(loadShown, null, ['rounds'], onError);
  const document = documentId ? (shown?.document ?? null) : null;
  const layers = useMemo(() => (documentId ? (shown?.layers ?? []) : []), [shown, documentId]);
  const loadConsensus = useCallback(
    async () =>
      documentId
        ? (await call('listAnnotations', { documentId })).filter(
            (a) => a.consensus?.roundId === round.id,
          )
        : [],
    [round.id, documentId],
  );
  const [consensus] = useLiveValue<Annotation[]>(loadConsensus, [], ['annotations'], onError);
  const [tagFilter, setTagFilter] = useState('');
  const [hiddenCoders, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [cursor, setCursor] = useState(0);

  const coders = useMemo(() => layers.map((l) => l.coder), [layers]);
  const shownCoders = useMemo(
    () => coders.filter((c) => !hiddenCoders.has(c.id)),
    [coders, hiddenCoders],
  );
  const clusters = useMemo(() => {
    if (!document) return [];
    return codeClusters(
      layers.map((l) => ({ coder: l.coder.id, highlights: l.highlights })),
      document.id,
      {
        coders: new Set(shownCoders.map((c) => c.id)),
        ...(tagFilter ? { tagIds: new Set([tagFilter]) } : {}),
      },
    );
  }, [layers, shownCoders, document, tagFilter]);
  const settled = useCallback(
    (c: CodeCluster) =>
      consensus.some(
        (a) =>
          a.tagIds.includes(c.tagId) &&
          'position' in a.target &&
          a.target.position !== undefined &&
          a.target.position.start < c.end &&
          a.target.position.end > c.start,
      ),
    [consensus],
  );
  const disagreements = useMemo(() => clusters.filter((c) => !c.agreed), [clusters]);
  const position = Math.min(cursor, Math.max(0, disagreements.length - 1));
  const current = disagreements[position] ?? null;

  const step = useCallback(
    (by: 1 | -1) => {
      if (disagreements.length === 0) return;
      setCursor((position + by + disagreements.length) % disagreements.length);
    },
    [disagreements.length, position],
  );

  const settle = useCallback(
    async (how: Exclude<SettleHow, 'edit'> | 'edit', coder?: string) => {
      if (!current || !document) return;
      const shown = coders.filter((c) => !hiddenCoders.has(c.id)).length;
      const range = settledRange(current, how === 'edit' ? 'union' : how, coder, shown);
      if (!range) {
        onError(
          new Error(
            'Not every coder marked text here in common: keep one coder’s version or the union.',
          ),
        );
        return;
      }
      try {
        const made = await call('settleCluster', {
          roundId: round.id,
          documentId: document.id,
          tagId: current.tagId,
          ...range,
          how,
          coders: how === 'one' && coder ? [coder] : current.coders,
        });
        const words = made.target.quote?.exact ?? '';
        offerUndo(
          `Settled: “${words.length > 60 ? `${words.slice(0, 59)}…` : words}”.`,
          'settle a disagreement',
          async () => {
            await call('deleteAnnotation', { id: made.id });
          },
        );
        // An edit starts from the union and is finished in the reader, like any highlight.
        if (how === 'edit') openQuote(made.id);
        else step(1);
      } catch (error) {
        onError(error);
      }
    },
    [current, document, coders, hiddenCoders, round.id, offerUndo, onError, openQuote, step],
  );

  return {
    document,
    coders,
    shownCoders,
    clusters,
    disagreements,
    settled,
    current,
    position,
    step,
    tagFilter,
    setTagFilter: (id) => {
      setTagFilter(id);
      setCursor(0);
    },
    hiddenCoders,
    toggleCoder: (id) => {
      const next = new Set(hiddenCoders);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      setHidden(next);
      setCursor(0);
    },
    settle,
  };
}
