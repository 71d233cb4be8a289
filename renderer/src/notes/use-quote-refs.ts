import { useEffect, useState } from 'react';
import type { QuoteReference } from '../../../shared/model.ts';
import { call } from '../notebook-client.ts';

/**
 * The quotes a note cites, as the notebook knows them now: text, colour and document, or gone.
 * Reloads when the cited ids change and when quotes or documents change elsewhere.
 */
export function useQuoteRefs(
  ids: readonly string[],
  onError: (error: unknown) => void,
): ReadonlyMap<string, QuoteReference> {
  const [refs, setRefs] = useState<ReadonlyMap<string, QuoteReference>>(() => new Map());
  const key = ids.join(',');

  useEffect(() => {
    const wanted = key ? key.split(',') : [];
    if (wanted.length === 0) {
      setRefs(new Map());
      return;
    }
    let current = true;
    const load = () =>
      call('resolveQuotes', { ids: wanted }).then((found) => {
        if (current) setRefs(new Map(found.map((ref) => [ref.id, ref])));
      }, onError);
    void load();
    const unsubscribe = window.notebook.onEvent((event) => {
      if (
        event.type === 'changed' &&
        (event.entities.includes('annotations') || event.entities.includes('documents'))
      )
        void load();
    });
    return () => {
      current = false;
      unsubscribe();
    };
  }, [key, onError]);

  return refs;
}
