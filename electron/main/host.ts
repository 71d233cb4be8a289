import { type BrowserWindow, clipboard, dialog, type OpenDialogOptions } from 'electron';
import { IMPORT_EXTENSIONS } from '../../shared/import.ts';
import type { NotebookHost } from '../notebook/host.ts';

/** The native Open dialog and the system clipboard, for the notebook core. */
export function createElectronHost(window: () => BrowserWindow | null): NotebookHost {
  return {
    async chooseImportFiles({ multiple, title }) {
      const options: OpenDialogOptions = {
        title,
        buttonLabel: multiple ? 'Import' : 'Replace Text',
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters: [
          { name: 'Articles (text, Markdown, HTML)', extensions: [...IMPORT_EXTENSIONS] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const parent = window();
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
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
  };
}
