import { DOMParser, type Element } from '@xmldom/xmldom';
import { NotebookError } from '../../../../shared/result.ts';

/**
 * Reading REFI-QDA XML leniently. Real files use namespace versions `1.0`, `1:0` and `0:4` (or
 * none at all), so elements are found by their local name whatever namespace they are in.
 */
export function parseXml(xml: string, fileName: string): Element {
  const problems: string[] = [];
  let root: Element | null = null;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(firstLine(message));
      },
    }).parseFromString(xml.replace(/^\uFEFF/, ''), 'text/xml');
    root = document.documentElement;
  } catch (error) {
    // xmldom stops at a fatal error by throwing, after reporting it (or not) to onError.
    problems.push(firstLine(error instanceof Error ? error.message : String(error)));
  }
  if (!root || problems.length > 0)
    throw new NotebookError(
      'invalid-input',
      `${fileName} is not well-formed XML: ${problems[0] ?? 'it has no root element'}.`,
    );
  return root;
}

/** Child elements with a local name (any namespace). */
export function children(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling)
    if (node.nodeType === 1 && (node as Element).localName === name) found.push(node as Element);
  return found;
}

export const child = (parent: Element, name: string): Element | undefined =>
  children(parent, name)[0];

/** The text of a child element (`<Description>`), or '' when it has none. */
export function childText(parent: Element, name: string): string {
  return child(parent, name)?.textContent ?? '';
}

/** Every descendant element with a local name, in document order. */
export function descendants(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  const walk = (element: Element) => {
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType !== 1) continue;
      if ((node as Element).localName === name) found.push(node as Element);
      walk(node as Element);
    }
  };
  walk(parent);
  return found;
}

export const attribute = (element: Element, name: string): string | null =>
  element.hasAttribute(name) ? element.getAttribute(name) : null;

const firstLine = (message: unknown) => String(message).split('\n')[0]!.trim();
