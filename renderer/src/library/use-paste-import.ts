import { useEffect } from 'react';
import { isTextField } from '../ui/text-field.ts';

/**
 * Paste (Ctrl/Cmd+V) anywhere outside a text field becomes a new document: HTML when the
 * clipboard has it, so headings and links come along. Inside fields, paste is left alone.
 */
export function usePasteImport(onPaste: (content: { text: string; html: string }) => void): void {
  useEffect(() => {
    const paste = (event: ClipboardEvent) => {
      if (isTextField(event.target) || isTextField(document.activeElement)) return;
      const data = event.clipboardData;
      if (!data) return;
      const text = data.getData('text/plain');
      const html = data.getData('text/html');
      if (text.trim() === '' && html.trim() === '') return;
      event.preventDefault();
      onPaste({ text, html });
    };
    window.addEventListener('paste', paste);
    return () => window.removeEventListener('paste', paste);
  }, [onPaste]);
}
