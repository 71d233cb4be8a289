import { useCallback, useEffect, useRef, useState } from 'react';

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

/**
 * Text that saves itself: shortly after typing stops, on `flush()` (blur, close), when the page
 * unloads (window closed, app quitting) and when the component goes away. The state says
 * honestly where the text is: waiting, on its way, stored, or not stored (with the reason).
 */
export function useAutosave(
  save: (value: string) => Promise<unknown>,
  stored: string,
  delayMs = 500,
) {
  const [value, setValue] = useState(stored);
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);
  const live = useRef({ value: stored, lastSaved: stored, save, timer: 0, inFlight: 0 });
  live.current.save = save;

  const flush = useCallback(() => {
    const r = live.current;
    window.clearTimeout(r.timer);
    if (r.value === r.lastSaved) {
      // Typed and taken back: nothing to send, and nothing unsaved either.
      if (r.inFlight === 0) setState((state) => (state === 'pending' ? 'saved' : state));
      return;
    }
    const text = r.value;
    const previous = r.lastSaved;
    r.lastSaved = text; // never send the same text twice
    r.inFlight++;
    setState('saving');
    r.save(text).then(
      () => {
        live.current.inFlight--;
        if (live.current.value === text) setState('saved');
      },
      (reason: unknown) => {
        live.current.inFlight--;
        if (live.current.lastSaved === text) live.current.lastSaved = previous; // the next flush retries
        // An older text failing after a newer one was stored is no news.
        if (live.current.value !== text) return;
        setError(reason instanceof Error ? reason.message : String(reason));
        setState('failed');
      },
    );
  }, []);

  const change = useCallback(
    (next: string) => {
      live.current.value = next;
      setValue(next);
      setState('pending');
      window.clearTimeout(live.current.timer);
      live.current.timer = window.setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => {
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('beforeunload', flush);
      flush();
    };
  }, [flush]);

  return { value, change, flush, state, error };
}

export function describeSaveState(state: SaveState, error: string | null): string {
  switch (state) {
    case 'saved':
      return 'Saved';
    case 'pending':
      return 'Editing…';
    case 'saving':
      return 'Saving…';
    case 'failed':
      return `Not saved: ${error ?? 'unknown error'}`;
  }
}
