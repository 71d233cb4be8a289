import { useCallback, useEffect, useState } from 'react';
import type { NotebookEvent } from '../../shared/contract.ts';

type Entity = Extract<NotebookEvent, { type: 'changed' }>['entities'][number];

/**
 * A value loaded from the notebook and reloaded whenever the core reports a change to any of
 * `entities`. `load` must be stable (wrap it in useCallback).
 */
export function useLiveValue<T>(
  load: () => Promise<T>,
  initial: T,
  entities: readonly Entity[],
  onError: (error: unknown) => void,
): [T, () => void] {
  const [value, setValue] = useState<T>(initial);
  const reload = useCallback(() => void load().then(setValue, onError), [load, onError]);
  useEffect(reload, [reload]);
  const watched = entities.join(',');
  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type === 'changed' && event.entities.some((e) => watched.split(',').includes(e)))
          reload();
      }),
    [reload, watched],
  );
  return [value, reload];
}
