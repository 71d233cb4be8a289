/**
 * Just enough XML writing for REFI-QDA: escaped text and attributes, elements with children.
 * Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates, U+FFFE/FFFF) are
 * dropped rather than written into a file no tool could parse.
 */

const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function xmlAttribute(value: string): string {
  // Line ends and tabs in attributes would be normalised to spaces by any reader: keep them.
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

export type Attributes = Record<string, string | number | boolean | undefined | null>;

/**
 * `<name a="…">children</name>`, or self-closing without children; absent attributes skipped.
 * Children (elements only: text goes through `textElement`) go one per line, so a project reads
 * and diffs line by line; white space between elements means nothing to a schema-aware reader.
 */
export function element(
  name: string,
  attributes: Attributes,
  children: readonly string[] = [],
): string {
  const attrs = Object.entries(attributes)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`)
    .join('');
  const inner = children.filter((c) => c !== '');
  return inner.length === 0
    ? `<${name}${attrs}/>`
    : `<${name}${attrs}>\n${inner.join('\n')}\n</${name}>`;
}

/** An element holding only text (`<Description>…</Description>`); nothing when the text is empty. */
export function textElement(name: string, text: string): string {
  return text === '' ? '' : `<${name}>${xmlText(text)}</${name}>`;
}
