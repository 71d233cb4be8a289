import {
  type BrowserWindow,
  clipboard,
  dialog,
  type OpenDialogOptions,
  type SaveDialogOptions,
  shell,
} from 'electron';
import { IMPORT_EXTENSIONS } from '../../shared/import.ts';
import type { NotebookHost } from '../notebook/host.ts';
import { openExternalLink } from './external-link.ts';

/**
 * The native Open and Save dialogs, the system clipboard, the file manager and the web browser,
 * for the core.
 */
export function createElectronHost(
  window: () => BrowserWindow | null,
  /** Files the system asked the app to open, answered instead of showing the Open dialog. */
  takeOpened: () => string[] | null = () => null,
): NotebookHost {
  return {
    async chooseImportFiles({ multiple, title, filters }) {
      const opened = takeOpened();
      if (opened) return multiple ? opened : opened.slice(0, 1);
      const options: OpenDialogOptions = {
        title,
        buttonLabel: filters ? 'Open' : multiple ? 'Import' : 'Replace Text',
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: [
          ...(filters ?? [
            { name: 'Articles (text, Markdown, HTML)', extensions: [...IMPORT_EXTENSIONS] },
          ]),
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const parent = window();
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async chooseSavePath({ title, defaultName, filters }) {
      const options: SaveDialogOptions = {
        title,
        defaultPath: defaultName,
        buttonLabel: 'Export',
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const parent = window();
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseExportFolder({ title }) {
      const options: OpenDialogOptions = {
        title,
        buttonLabel: 'Export Here',
        properties: ['openDirectory', 'createDirectory', 'promptToCreate'],
      };
      const parent = window();
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async showItemInFolder(path) {
      shell.showItemInFolder(path);
    },
    async readClipboard() {
      // Electron's clipboard follows the W3C async API: HTML is one of an item's types.
      let html = '';
      for (const item of await clipboard.read()) {
        if (!item.types.includes('text/html')) continue;
        const blob = await item.getType('text/html');
        html = await blob.text();
        break;
      }
      return { text: await clipboard.readText(), html };
    },
    // http(s) only, and only once the user has confirmed the address (external-link.ts).
    openExternalLink(url) {
      return openExternalLink(url, window());
    },
  };
}
