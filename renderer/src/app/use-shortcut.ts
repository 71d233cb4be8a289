import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * A window-wide keyboard shortcut: `handle` sees every key press and returns true when it took
 * it (the browser's default is then prevented). Always the latest `handle`, one listener.
 */
export function useShortcut(handle: (event: KeyboardEvent) => boolean | undefined): void {
  const latest = useRef(handle);
  useLayoutEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (latest.current(event)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Ctrl on Windows and Linux, Cmd on macOS, without Alt. */
export const withCommandKey = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && !event.altKey;

/** Whether a dialog is open (shortcuts wait until it is finished). */
export const dialogOpen = () => globalThis.document.querySelector('dialog[open]') !== null;
