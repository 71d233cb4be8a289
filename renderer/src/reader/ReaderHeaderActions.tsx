import type { NotebookDocument } from '../../../shared/model.ts';
import type { OutlineEntry } from '../../../shared/outline.ts';
import { useApp } from '../app-services.ts';
import { OutlineMenu } from '../outline/OutlineMenu.tsx';
import { IconButton } from '../ui/IconButton.tsx';
import { LineIcon } from '../ui/LineIcon.tsx';

/**
 * The buttons beside the document's title: its outline, the quote finder, its details, and a
 * newer version of its text. Their own component so the reader's layout reads at a glance.
 */
export function ReaderHeaderActions({
  document,
  quotesShown,
  onGo,
  onToggleQuotes,
  onEditDetails,
}: {
  document: NotebookDocument;
  /** Whether the side panel shows the quote finder (the button is then pressed). */
  quotesShown: boolean;
  onGo: (entry: OutlineEntry) => void;
  onToggleQuotes: () => void;
  onEditDetails: () => void;
}) {
  const { importer } = useApp();
  return (
    <>
      <OutlineMenu document={document} onGo={onGo} />
      <IconButton
        label="Find quotes"
        aria-pressed={quotesShown}
        title="Find quotes and their speakers (Ctrl+Shift+A)"
        onClick={onToggleQuotes}
      >
        <LineIcon d="M2.5 9.5h3.2v3.8H2.5zM2.5 9.5c0-3 .8-4.6 3-5.6M9.5 9.5h3.2v3.8H9.5zM9.5 9.5c0-3 .8-4.6 3-5.6" />
      </IconButton>
      <IconButton
        label="Edit document details"
        title="Edit details: title, author, source, URL, date"
        onClick={onEditDetails}
      >
        <LineIcon d="M10.5 2.5l3 3-8 8H2.5v-3z M9 4l3 3" />
      </IconButton>
      <IconButton
        label="Replace text with a newer version"
        title="Replace text with a newer version (highlights are re-anchored)"
        onClick={() => void importer.replaceText(document.id)}
      >
        <LineIcon d="M13 6.5A5 5 0 0 0 3.8 4.2M3 9.5a5 5 0 0 0 9.2 2.3M3.5 2v2.6h2.6M12.5 14v-2.6H9.9" />
      </IconButton>
    </>
  );
}
