/**
 * The files Marginalia opens from the system (double-click, "Open with", the dock icon), in one
 * table, and what each system's installer is told about them.
 *
 * Two kinds of association, because installers treat them differently:
 * - Types that are Marginalia's own, or that a research tool opens by choice (a REFI-QDA project,
 *   a coder's package): registered as the app's file types, with a MIME type of their own on
 *   Linux (electron-builder writes the shared-mime-info XML and the desktop entry's MimeType).
 * - Everyday types (PDF, Markdown, web pages, JSON backups): Marginalia only offers itself in
 *   "Open with". electron-builder's Windows association makes the app the default handler
 *   (it writes the extension's default ProgID), which would take PDFs from the user's reader;
 *   so on Windows these are written by our own NSIS include (OpenWithProgids only), on macOS
 *   they are declared with the rank Alternate, and on Linux they are listed in the desktop
 *   entry's MimeType without redefining the system's MIME types.
 *
 * electron/notebook/opened-files.ts decides what the app does with each file it is handed;
 * tests/unit/dist-config.test.ts checks every extension here is one it takes.
 */

/** Marginalia's own types and other tools' project files. */
export const OWN_FILE_TYPES = Object.freeze([
  {
    ext: 'qdpx',
    name: 'REFI-QDA Project',
    description:
      'A qualitative-analysis project (REFI-QDA), from NVivo, ATLAS.ti, MAXQDA or QualCoder',
    mimeType: 'application/x-refi-qda-project',
  },
  {
    ext: 'mpackage',
    name: 'Marginalia Coder Package',
    description: "A coder's round of Marginalia team coding",
    mimeType: 'application/x-marginalia-package',
  },
]);

/** Everyday types Marginalia offers to open (import), never claims. */
export const OPEN_WITH_TYPES = Object.freeze([
  { ext: ['pdf'], name: 'PDF Document', mimeType: 'application/pdf' },
  { ext: ['md', 'markdown'], name: 'Markdown Document', mimeType: 'text/markdown' },
  { ext: ['html', 'htm'], name: 'Web Page', mimeType: 'text/html' },
  // A Marginalia backup is JSON; the app tells a backup from other JSON by its content.
  { ext: ['json'], name: 'Marginalia Backup (JSON)', mimeType: 'application/json' },
]);

/** Every extension the installers mention, without the dot. */
export function associatedExtensions() {
  return [...OWN_FILE_TYPES, ...OPEN_WITH_TYPES].flatMap((type) =>
    Array.isArray(type.ext) ? type.ext : [type.ext],
  );
}

/** electron-builder's top-level `fileAssociations`: the own types, on every system. */
export function ownFileAssociations() {
  return OWN_FILE_TYPES.map(({ ext, name, description, mimeType }) => ({
    ext,
    name,
    description,
    mimeType,
    role: 'Editor',
    rank: 'Owner',
  }));
}

/** macOS: the everyday types, as a viewer that never becomes the default (rank Alternate). */
export function macOpenWithAssociations() {
  return OPEN_WITH_TYPES.map(({ ext, name }) => ({ ext, name, role: 'Viewer', rank: 'Alternate' }));
}

/** Linux: the desktop entry's MimeType for the everyday types (the system defines them). */
export function linuxOpenWithMimeTypes() {
  return OPEN_WITH_TYPES.map((type) => type.mimeType);
}

/** NSIS string literal: `$` doubled, quotes and line breaks escaped ($\" $\r $\n). */
function nsisString(text) {
  return `"${text
    .replace(/\$/g, '$$$$')
    .replace(/"/g, '$\\"')
    .replace(/\r/g, '$\\r')
    .replace(/\n/g, '$\\n')}"`;
}

/**
 * Windows: an NSIS include for electron-builder (`nsis.include`) that adds Marginalia to
 * "Open with" for the everyday types: one ProgID with an open command, listed under each
 * extension's OpenWithProgids. The extension's default handler is left as it was; the
 * uninstaller removes exactly what was added. SHELL_CONTEXT follows a per-user or per-machine
 * install, as electron-builder's own association macros do.
 */
export function windowsOpenWithInclude(productName) {
  const progId = `${productName.replace(/[^A-Za-z0-9]/g, '')}.OpenWith`;
  const extensions = OPEN_WITH_TYPES.flatMap((type) => type.ext);
  const lines = [
    `; Written by scripts/dist/file-types.mjs for electron-builder's nsis.include. Do not edit.`,
    '!macro customInstall',
    `  WriteRegStr SHELL_CONTEXT "Software\\Classes\\${progId}" "" ${nsisString(`${productName} document`)}`,
    `  WriteRegStr SHELL_CONTEXT "Software\\Classes\\${progId}\\DefaultIcon" "" "$appExe,0"`,
    `  WriteRegStr SHELL_CONTEXT "Software\\Classes\\${progId}\\shell\\open" "" ${nsisString(`Open with ${productName}`)}`,
    `  WriteRegStr SHELL_CONTEXT "Software\\Classes\\${progId}\\shell\\open\\command" "" '"$appExe" "%1"'`,
    ...extensions.map(
      (ext) =>
        `  WriteRegNone SHELL_CONTEXT "Software\\Classes\\.${ext}\\OpenWithProgids" "${progId}"`,
    ),
    "  System::Call 'shell32::SHChangeNotify(i, i, i, i) v (0x08000000, 0, 0, 0)'",
    '!macroend',
    '',
    '!macro customUnInstall',
    ...extensions.map(
      (ext) =>
        `  DeleteRegValue SHELL_CONTEXT "Software\\Classes\\.${ext}\\OpenWithProgids" "${progId}"`,
    ),
    `  DeleteRegKey SHELL_CONTEXT "Software\\Classes\\${progId}"`,
    "  System::Call 'shell32::SHChangeNotify(i, i, i, i) v (0x08000000, 0, 0, 0)'",
    '!macroend',
    '',
  ];
  return lines.join('\r\n');
}
