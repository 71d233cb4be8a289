// Control characters other than tab, line feed and carriage return are noise from a source (or
// an attack on it), never part of an article; U+FEFF inside text is a stray byte-order mark.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFEFF]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}
