import { type ElectronApplication, expect } from '@playwright/test';

/**
 * The native side of the app, reached in the main process with `app.evaluate`: the application
 * menu as built, its items clicked as from the menu bar, and the Open and Save dialogs replaced
 * by stubs that answer as a user would and keep what they were asked. (A real native dialog is
 * modal and would block the test.) The functions given to `app.evaluate` are sent as source, so
 * each is self-contained.
 */

/** One menu item as the test reads it; a submenu's items nested. */
export interface MenuEntry {
  type: string;
  label: string;
  /** Lower case, as Electron stores it ('resetZoom' is 'resetzoom'). */
  role: string | null;
  accelerator: string | null;
  enabled: boolean;
  submenu: MenuEntry[] | null;
}

/** The application menu, read back from Menu.getApplicationMenu(). */
export function readApplicationMenu(app: ElectronApplication): Promise<MenuEntry[]> {
  return app.evaluate(({ Menu }) => {
    type Item = NonNullable<ReturnType<typeof Menu.getApplicationMenu>>['items'][number];
    const describe = (item: Item): MenuEntry => ({
      type: item.type,
      label: item.label,
      role: item.role ? String(item.role).toLowerCase() : null,
      accelerator: item.accelerator ? String(item.accelerator) : null,
      enabled: item.enabled,
      submenu: item.submenu ? item.submenu.items.map(describe) : null,
    });
    return Menu.getApplicationMenu()?.items.map(describe) ?? [];
  });
}

/**
 * One line per item, for comparing a menu whole: `Label [Accelerator]`, `(role) [Accelerator]`
 * for role items (whose labels Electron words per system), `---` for a separator.
 */
export function menuLines(items: readonly MenuEntry[]): string[] {
  return items.map((item) => {
    if (item.type === 'separator') return '---';
    const name = item.role ? `(${item.role})` : item.label;
    const keys = item.accelerator ? ` [${item.accelerator}]` : '';
    return `${name}${keys}${item.enabled ? '' : ' (disabled)'}`;
  });
}

/** Every item of a menu tree, submenus' items included. */
export function allItems(items: readonly MenuEntry[]): MenuEntry[] {
  return items.flatMap((item) => [item, ...allItems(item.submenu ?? [])]);
}

/**
 * Click `menu > item` as from the menu bar: the command goes main → page → contract → core, as
 * a user's click does. Throws when there is no such item.
 */
export async function clickMenuItem(
  app: ElectronApplication,
  menu: string,
  item: string,
): Promise<void> {
  await app.evaluate(
    ({ Menu }, [menuLabel, itemLabel]) => {
      const top = Menu.getApplicationMenu()?.items.find((i) => i.label === menuLabel);
      const found = top?.submenu?.items.find((i) => i.label === itemLabel);
      if (!found) throw new Error(`There is no menu item ${menuLabel} > ${itemLabel}.`);
      found.click();
    },
    [menu, item] as const,
  );
}

/** What the stubbed dialogs answer: the files picked, the path saved to; null is Cancel. */
export interface DialogAnswers {
  open: string[] | null;
  save: string | null;
}

/** One call of a stubbed dialog: which one, and the options the app gave it. */
export interface DialogCall {
  kind: 'open' | 'save';
  options: {
    title?: string;
    buttonLabel?: string;
    defaultPath?: string;
    properties?: string[];
    filters?: { name: string; extensions: string[] }[];
  };
}

/**
 * Replace dialog.showOpenDialog and dialog.showSaveDialog in the main process. Both answer from
 * `answers` (changed later with answerDialogs) and record each call (read with dialogCalls).
 */
export async function stubDialogs(
  app: ElectronApplication,
  answers: Partial<DialogAnswers> = {},
): Promise<void> {
  await app.evaluate(
    ({ dialog }, initial) => {
      const state = { answers: initial, calls: [] as DialogCall[] };
      (globalThis as { __marginaliaDialogs?: typeof state }).__marginaliaDialogs = state;
      // Called as (window, options) or (options): the options are the last argument. They are
      // kept as JSON, the form they come back to the test in.
      const record = (kind: DialogCall['kind'], args: unknown[]) =>
        state.calls.push({ kind, options: JSON.parse(JSON.stringify(args.at(-1) ?? {})) });
      dialog.showOpenDialog = (async (...args: unknown[]) => {
        record('open', args);
        const paths = state.answers.open;
        return paths ? { canceled: false, filePaths: paths } : { canceled: true, filePaths: [] };
      }) as never;
      dialog.showSaveDialog = (async (...args: unknown[]) => {
        record('save', args);
        const path = state.answers.save;
        return path ? { canceled: false, filePath: path } : { canceled: true, filePath: '' };
      }) as never;
    },
    { open: answers.open ?? null, save: answers.save ?? null },
  );
}

/** Change what the stubbed dialogs answer next. */
export async function answerDialogs(
  app: ElectronApplication,
  answers: Partial<DialogAnswers>,
): Promise<void> {
  await app.evaluate((_electron, next) => {
    const state = (globalThis as { __marginaliaDialogs?: { answers: DialogAnswers } })
      .__marginaliaDialogs;
    if (!state) throw new Error('The dialogs are not stubbed (stubDialogs).');
    state.answers = { ...state.answers, ...next };
  }, answers);
}

/** The calls of the stubbed dialogs so far, oldest first. */
export function dialogCalls(app: ElectronApplication): Promise<DialogCall[]> {
  return app.evaluate(() => {
    const state = (globalThis as { __marginaliaDialogs?: { calls: DialogCall[] } })
      .__marginaliaDialogs;
    if (!state) throw new Error('The dialogs are not stubbed (stubDialogs).');
    return state.calls;
  });
}

/** Forget the calls so far, so that the next step's are read alone. */
export async function clearDialogCalls(app: ElectronApplication): Promise<void> {
  await app.evaluate(() => {
    const state = (globalThis as { __marginaliaDialogs?: { calls: DialogCall[] } })
      .__marginaliaDialogs;
    if (!state) throw new Error('The dialogs are not stubbed (stubDialogs).');
    state.calls.length = 0;
  });
}

/**
 * Exactly one native dialog asked for since the calls were last cleared, of `kind`, with (at
 * least) `options`: waited for, as the page asks for it asynchronously.
 */
export async function expectOneDialog(
  app: ElectronApplication,
  kind: DialogCall['kind'],
  options: Record<string, unknown>,
): Promise<void> {
  await expect
    .poll(() => dialogCalls(app))
    .toEqual([{ kind, options: expect.objectContaining(options) }]);
}
