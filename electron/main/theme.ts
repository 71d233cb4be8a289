import { nativeTheme } from 'electron';
import type { Notebook } from '../notebook/notebook.ts';

/**
 * The theme preference also drives Electron's native theme, so what the page cannot style
 * (scroll bars, form controls, the window's background while loading, native dialogs) matches it.
 */
export function followThemePreference(notebook: Notebook): () => void {
  const apply = (theme: 'system' | 'light' | 'dark') => {
    nativeTheme.themeSource = theme;
  };
  void Promise.resolve(notebook.handlers.getSettings({})).then(({ settings }) =>
    apply(settings.theme),
  );
  return notebook.subscribe((event) => {
    if (event.type === 'settings') apply(event.settings.theme);
  });
}
