import { READER_FONT_STACKS, type Settings } from '../../../shared/settings/settings.ts';

/**
 * Put the preferences on the page: the theme as `data-theme` on <html> (the build turns every
 * dark-scheme rule into one that also answers to it, see electron.config.ts), the reader's face,
 * size and line width as CSS variables the reader's styles read.
 */
export function applySettings(settings: Settings, root: HTMLElement = document.documentElement) {
  if (settings.theme === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', settings.theme);
  root.style.setProperty('--font-reading', READER_FONT_STACKS[settings.readerFont]);
  root.style.setProperty('--reader-font-size', `${settings.readerFontSize}px`);
  root.style.setProperty('--reader-line-width', `${settings.lineWidth}ch`);
  // The same as a number: a long text's unseen blocks guess their height from it (reader.css).
  root.style.setProperty('--reader-line-chars', String(settings.lineWidth));
}
