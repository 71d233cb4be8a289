import { useCallback, useEffect, useState } from 'react';
import {
  applySettingsPatch,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings/settings.ts';
import { call } from '../notebook-client.ts';
import { applySettings } from './apply-settings.ts';

export interface SettingsState {
  /** Null until the core has answered (the page keeps its defaults meanwhile). */
  settings: Settings | null;
  update(patch: SettingsPatch): Promise<void>;
}

/**
 * The preferences, kept in step with the core: loaded once, applied to the page at once on every
 * change (from this window's dialog or a `settings` event), and a damaged file reported.
 */
export function useSettings(onError: (error: unknown) => void): SettingsState {
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    let live = true;
    call('getSettings', {}).then(({ settings: loaded, problem }) => {
      if (!live) return;
      setSettings(loaded);
      if (problem) onError(new Error(problem));
    }, onError);
    const stop = window.notebook.onEvent((event) => {
      if (event.type === 'settings') setSettings(event.settings);
    });
    return () => {
      live = false;
      stop();
    };
  }, [onError]);

  useEffect(() => {
    if (settings) applySettings(settings);
  }, [settings]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      // Shown at once; the core's answer (or its event) then confirms it, or the error says why.
      setSettings((current) => (current ? applySettingsPatch(current, patch) : current));
      try {
        setSettings(await call('updateSettings', patch));
      } catch (error) {
        onError(error);
        const { settings: kept } = await call('getSettings', {}).catch(() => ({ settings: null }));
        if (kept) setSettings(kept);
      }
    },
    [onError],
  );

  return { settings, update };
}
