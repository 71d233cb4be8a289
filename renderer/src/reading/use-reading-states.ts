import { useEffect, useState } from 'react';
import type { ReadingStates } from '../../../shared/reading/reading-state.ts';
import { call } from '../notebook-client.ts';

/** Where every document was read, loaded once and kept current from `reading` events. */
export function useReadingStates(onError: (error: unknown) => void): ReadingStates {
  const [states, setStates] = useState<ReadingStates>({});
  useEffect(() => {
    let live = true;
    call('getReadingStates', {}).then((loaded) => {
      // Events that arrived first are newer than the load.
      if (live) setStates((now) => ({ ...loaded, ...now }));
    }, onError);
    const stop = window.notebook.onEvent((event) => {
      if (event.type === 'reading')
        setStates((now) => ({ ...now, [event.documentId]: event.state }));
    });
    return () => {
      live = false;
      stop();
    };
  }, [onError]);
  return states;
}
