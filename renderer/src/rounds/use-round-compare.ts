import { useCallback, useEffect, useMemo, useState } from 'react';
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

export interface RoundCompare {
  document: NotebookDocument | null;
  coders: Coder[];
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
  const [document, setDocument] = useState<NotebookDocument | null>(null);
  useEffect(() => {
    if (!documentId) return setDocument(null);
    let live = true;
    call('getDocument', { id: documentId }).then((d) => live && setDocument(d), onError);
    return () => {
      live = false;
    };
  }, [documentId, onError]);
  const loadLayers = useCallback(
    async () => (documentId ? call('roundLayers', { roundId: round.id, documentId }) : []),
    [round.id, documentId],
  );
  const [layers] = useLiveValue<{ coder: Coder; highlights: LayerHighlight[] }[]>(
    loadLayers,
    [],
    ['rounds'],
    onError,
  );
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
  const clusters = useMemo(() => {
    if (!documentId) return [];
    const shown = new Set(coders.filter((c) => !hiddenCoders.has(c.id)).map((c) => c.id));
    return codeClusters(
      layers.map((l) => ({ coder: l.coder.id, highlights: l.highlights })),
      documentId,
      { coders: shown, ...(tagFilter ? { tagIds: new Set([tagFilter]) } : {}) },
    );
  }, [layers, coders, documentId, hiddenCoders, tagFilter]);
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
