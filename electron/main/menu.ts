import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/contract.ts';

/** The application menu; commands that need the page (import, export) are handed to it. */
export function installMenu(isDev: boolean, command: (command: AppCommand) => void): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => command('import-files') },
        {
          label: 'Import from Another Tool…',
          accelerator: 'CmdOrCtrl+Shift+O',
          click: () => command('import-other'),
        },
        {
          label: 'New Document from Clipboard',
          accelerator: 'CmdOrCtrl+Shift+N',
          click: () => command('import-clipboard'),
        },
        { type: 'separator' },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => command('export') },
        {
          label: 'Back Up Notebook…',
          accelerator: 'CmdOrCtrl+Shift+S',
          click: () => command('backup'),
        },
        { label: 'Restore from Backup…', click: () => command('restore') },
        { type: 'separator' },
        // On macOS the convention puts it in the app menu; the accelerator is the same.
        {
          label: isMac ? 'Settings…' : 'Preferences…',
          accelerator: 'CmdOrCtrl+,',
          click: () => command('preferences'),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev
          ? [
              { type: 'separator' as const },
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
            ]
          : []),
      ],
    },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `Marginalia ${app.getVersion()}`, enabled: false }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
