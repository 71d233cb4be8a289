import { useEffect } from 'react';
import type { View } from '../app-services.ts';
import { requestOpenPackage } from '../rounds/open-package-request.ts';
import { dialogOpen, useShortcut, withCommandKey } from './use-shortcut.ts';

interface Commands {
  importFiles(): void;
  importClipboard(): void;
  exportHere(): void;
  backUp(): void;
  restore(): void;
  navigate(view: View): void;
}

/**
 * The File menu's commands, which arrive from the application menu (its accelerators reach the
 * page as commands, not key presses), and the same shortcuts in the page, where there is no
 * application menu (the browser).
 */
export function useAppCommands(commands: Commands): void {
  const { importFiles, importClipboard, exportHere, backUp, restore, navigate } = commands;
  useEffect(
    () =>
      window.notebook.onEvent((event) => {
        if (event.type !== 'command') return;
        if (event.command === 'import-files') importFiles();
        if (event.command === 'import-clipboard') importClipboard();
        if (event.command === 'export') exportHere();
        if (event.command === 'backup') backUp();
        if (event.command === 'restore') restore();
        if (event.command === 'open-package') {
          requestOpenPackage();
          navigate('rounds');
        }
      }),
    [importFiles, importClipboard, exportHere, backUp, restore, navigate],
  );
  useShortcut((event) => {
    if (!withCommandKey(event) || dialogOpen()) return false;
    const key = event.key.toLowerCase();
    if (key === 'e' && !event.shiftKey) exportHere();
    else if (key === 's' && event.shiftKey) backUp();
    else return false;
    return true;
  });
}
