import { useEffect, useMemo, useState } from 'react';
import { colorLabels } from '../../../shared/settings/settings.ts';
import { type SettingsState, useSettings } from './use-settings.ts';

export interface Preferences extends SettingsState {
  open: boolean;
  setOpen(open: boolean): void;
  /** Every colour's label in this project (its given name or its own). */
  labels: ReturnType<typeof colorLabels>;
}

/**
 * The preferences and their dialog: Ctrl/Cmd+, in the page, or the menu's command in Electron
 * (whose accelerator reaches the page as that command).
 */
export function usePreferences(onError: (error: unknown) => void): Preferences {
  const state = useSettings(onError);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== ',' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      event.preventDefault();
      // Not over another dialog: finish that first.
      if (document.querySelector('dialog[open]')) return;
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    const stop = window.notebook.onEvent((event) => {
      if (event.type === 'command' && event.command === 'preferences') setOpen(true);
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      stop();
    };
  }, []);

  const labels = useMemo(() => colorLabels(state.settings?.colorNames), [state.settings]);
  return { ...state, open, setOpen, labels };
}
