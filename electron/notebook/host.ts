import { NotebookError } from '../../shared/result.ts';

/**
 * What the notebook needs from the app around it that plain Node cannot give: a native file
 * dialog and the system clipboard. Electron's main process provides the real ones; tests and the
 * browser harness provide their own. File paths come only from here, never from the page.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface NotebookHost {
  /** Paths the user chose to open; empty when the dialog was cancelled. */
  chooseImportFiles(options: {
    multiple: boolean;
    title: string;
    filters?: FileFilter[];
  }): Promise<string[]>;
  readClipboard(): Promise<{ text: string; html: string }>;
  /** Where to save an export; null when the dialog was cancelled. */
  chooseSavePath(options: {
    title: string;
    defaultName: string;
    filters: FileFilter[];
  }): Promise<string | null>;
  /**
   * A folder to export into (an Obsidian vault or a folder in one), from an Open dialog that can
   * create folders; null when the dialog was cancelled.
   */
  chooseExportFolder(options: { title: string }): Promise<string | null>;
  /** Show a file in the system's file manager. */
  showItemInFolder(path: string): Promise<void>;
  /** A web address in the system browser, once the user has confirmed it. */
  openExternalLink(url: string): Promise<{ opened: boolean }>;
}

const unavailable = (what: string) => () =>
  Promise.reject(new NotebookError('unavailable', `${what} is not available here.`));

/** For a notebook opened without a window (tests, scripts). */
export const headlessHost: NotebookHost = {
  chooseImportFiles: unavailable('A file dialog'),
  readClipboard: unavailable('The clipboard'),
  chooseSavePath: unavailable('A save dialog'),
  chooseExportFolder: unavailable('A folder dialog'),
  showItemInFolder: unavailable('The file manager'),
  openExternalLink: unavailable('A web browser'),
};
