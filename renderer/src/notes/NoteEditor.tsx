import {
  type ChangeEvent,
  type DragEvent,
  type KeyboardEvent,
  type Ref,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { MethodInput } from '../../../shared/contract.ts';
import type { Note } from '../../../shared/model.ts';
import { citedQuoteIds } from '../../../shared/note-links.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { IconButton } from '../ui/IconButton.tsx';
import { LineIcon } from '../ui/LineIcon.tsx';
import { TagInput } from '../ui/TagInput.tsx';
import { describeSaveState, type SaveState, useAutosave } from '../ui/use-autosave.ts';
import { CitedQuotes } from './CitedQuotes.tsx';
import { MarkdownPreview } from './MarkdownPreview.tsx';
import { formatFull, formatWhen, useNow } from './note-time.ts';
import { asBlock, carriesQuote, carriesText, QUOTE_DRAG_TYPE } from './quote-drop.ts';
import { useQuoteRefs } from './use-quote-refs.ts';

export type NoteMode = 'edit' | 'preview';
export type NotePatch = Omit<MethodInput<'updateNote'>, 'id'>;

/** What the notes view asks of the open editor. */
export interface NoteEditorHandle {
  noteId: string;
  /** Send unsaved text now; returns the text as it stands. */
  flush(): { title: string; body: string };
  /** Put the cursor where writing continues: the title when empty, else the text. */
  focus(): void;
}

const TITLE_SAVE_DELAY_MS = 400;
const BODY_SAVE_DELAY_MS = 600;
const TITLE_MAX_LENGTH = 1000;
const BODY_MAX_LENGTH = 1_000_000;
const IS_MAC = /Mac|iPhone|iPad/.test(navigator.userAgent);

function combinedState(parts: { state: SaveState; error: string | null }[]): string {
  const failed = parts.find((p) => p.state === 'failed');
  if (failed) return describeSaveState('failed', failed.error);
  if (parts.some((p) => p.state === 'saving')) return describeSaveState('saving', null);
  if (parts.some((p) => p.state === 'pending')) return describeSaveState('pending', null);
  return describeSaveState('saved', null);
}

/**
 * One note: title, document, tags, and the Markdown text, written or previewed. Title and text
 * save themselves as you type; tags and document are stored on the spot.
 */
export function NoteEditor({
  ref,
  note,
  mode,
  onModeChange,
  autoFocus,
  onSave,
  onDelete,
}: {
  ref?: Ref<NoteEditorHandle>;
  note: Note;
  mode: NoteMode;
  onModeChange: (mode: NoteMode) => void;
  /** Where the keyboard goes when the note opens, if anywhere. */
  autoFocus: 'title' | 'writing' | null;
  /** Store a change; resolves with the stored note. */
  onSave: (patch: NotePatch) => Promise<Note>;
  onDelete: () => void;
}) {
  const { tags, documents, onError, openQuote } = useApp();
  const title = useAutosave((value) => onSave({ title: value }), note.title, TITLE_SAVE_DELAY_MS);
  const body = useAutosave((value) => onSave({ body: value }), note.body, BODY_SAVE_DELAY_MS);
  const titleRef = useRef<HTMLTextAreaElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  const [dropTarget, setDropTarget] = useState(false);
  /** The text of a quote the browser is dropping into the text, to set apart as a block. */
  const droppingQuote = useRef<string | null>(null);
  const pendingCaret = useRef<number | null>(null);
  const focusAfterToggle = useRef(false);
  const now = useNow();
  const documentFieldId = useId();

  const latest = useRef({ title, body, mode });
  latest.current = { title, body, mode };

  const focusWriting = useCallback(() => {
    const { title: t, mode: m } = latest.current;
    if (t.value.trim() === '') titleRef.current?.focus();
    else if (m === 'edit') bodyRef.current?.focus();
    else previewRef.current?.focus();
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      noteId: note.id,
      flush() {
        latest.current.title.flush();
        latest.current.body.flush();
        return { title: latest.current.title.value, body: latest.current.body.value };
      },
      focus: focusWriting,
    }),
    [note.id, focusWriting],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when a new note opens.
  useEffect(() => {
    if (autoFocus === 'title') titleRef.current?.focus();
    else if (autoFocus === 'writing') focusWriting();
  }, []);

  // After Ctrl/Cmd+E, keep the keyboard where the note now is.
  useEffect(() => {
    if (!focusAfterToggle.current) return;
    focusAfterToggle.current = false;
    if (mode === 'edit') bodyRef.current?.focus();
    else previewRef.current?.focus();
  }, [mode]);

  useLayoutEffect(() => {
    if (pendingCaret.current === null) return;
    bodyRef.current?.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  // Ctrl/Cmd+E switches between writing and reading; Ctrl/Cmd+S saves now.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      const mod = IS_MAC ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'e') {
        event.preventDefault();
        focusAfterToggle.current = true;
        onModeChange(latest.current.mode === 'edit' ? 'preview' : 'edit');
      } else if (key === 's') {
        event.preventDefault();
        latest.current.title.flush();
        latest.current.body.flush();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onModeChange]);

  const citedIds = useMemo(() => citedQuoteIds(body.value), [body.value]);
  const refs = useQuoteRefs(citedIds, onError);

  const update = (patch: NotePatch) => void onSave(patch).catch(onError);
  const createTag = (name: string) =>
    void call('createTag', { name })
      .then((tag) => onSave({ addTagIds: [tag.id] }))
      .catch(onError);

  /** Insert a quote's Markdown at the cursor, as a block of its own. */
  const insertQuote = (markdown: string) => {
    const textarea = bodyRef.current;
    const value = latest.current.body.value;
    const start = textarea && mode === 'edit' ? textarea.selectionStart : value.length;
    const end = textarea && mode === 'edit' ? textarea.selectionEnd : value.length;
    const next = asBlock(value.slice(0, start), markdown, value.slice(end));
    pendingCaret.current = mode === 'edit' ? next.caret : null;
    body.change(next.value);
  };

  const onDragOver = (event: DragEvent<HTMLElement>) => {
    const data = event.dataTransfer;
    if (!carriesQuote(data)) return;
    if (!dropTarget) setDropTarget(true);
    // A quote with its Markdown drops as text, the browser's way; one without it needs us.
    if (!carriesText(data) || event.currentTarget !== bodyRef.current) {
      event.preventDefault();
      data.dropEffect = 'copy';
    }
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    setDropTarget(false);
    const data = event.dataTransfer;
    const quote = carriesQuote(data);
    const plain = carriesText(data) ? data.getData('text/plain') : '';
    const intoText = event.currentTarget === bodyRef.current;
    if (intoText && event.nativeEvent.isTrusted && plain) {
      // The browser inserts the text where it is dropped; onChange sets a quote apart.
      droppingQuote.current = quote ? plain.replace(/\r\n?/g, '\n') : null;
      return;
    }
    if (!quote && !(intoText && plain)) return;
    event.preventDefault();
    const annotationId = quote ? data.getData(QUOTE_DRAG_TYPE) : '';
    const markdown = plain
      ? Promise.resolve(plain)
      : call('quoteMarkdown', { annotationId: annotationId.trim() });
    markdown.then((text) => {
      if (text) insertQuote(text);
    }, onError);
  };

  const onBodyChange = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const textarea = event.target;
    const value = textarea.value;
    const dropped = droppingQuote.current;
    droppingQuote.current = null;
    const inputType = (event.nativeEvent as InputEvent).inputType;
    if (dropped && inputType === 'insertFromDrop') {
      const { selectionStart: start, selectionEnd: end } = textarea;
      if (value.slice(start, end) === dropped) {
        const next = asBlock(value.slice(0, start), dropped, value.slice(end));
        pendingCaret.current = next.caret;
        body.change(next.value);
        return;
      }
    }
    body.change(value);
  };

  const onTitleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      title.flush();
      if (mode === 'edit') bodyRef.current?.focus();
      else previewRef.current?.focus();
    }
  };

  const documentMissing =
    note.documentId !== null && !documents.some((d) => d.id === note.documentId);
  const saveState = combinedState([title, body]);
  const failed = title.state === 'failed' || body.state === 'failed';
  const modKey = IS_MAC ? '⌘' : 'Ctrl+';

  return (
    <section className="note-pane" aria-label="Note">
      <div className="note-toolbar">
        <fieldset className="note-mode" aria-label="Show the note as">
          <button
            type="button"
            aria-pressed={mode === 'edit'}
            title={`Write Markdown (${modKey}E)`}
            onClick={() => onModeChange('edit')}
          >
            Edit
          </button>
          <button
            type="button"
            aria-pressed={mode === 'preview'}
            title={`Read it rendered (${modKey}E)`}
            onClick={() => onModeChange('preview')}
          >
            Preview
          </button>
        </fieldset>
        <span className={`note-save-state${failed ? ' save-failed' : ''}`} role="status">
          {saveState}
        </span>
        <IconButton className="note-delete" label="Delete note" onClick={onDelete}>
          <LineIcon d="M2.5 4h11M6.25 4V2.5h3.5V4M4 4l.7 9.5h6.6L12 4M6.6 6.5v4.75M9.4 6.5v4.75" />
        </IconButton>
      </div>

      <div className="note-scroll">
        <article className="note-content">
          <textarea
            ref={titleRef}
            className="note-title-field"
            rows={1}
            aria-label="Title"
            placeholder="Untitled note"
            maxLength={TITLE_MAX_LENGTH}
            value={title.value}
            // A title is one line: pasted line breaks become spaces.
            onChange={(e) => title.change(e.target.value.replace(/[ \t]*[\r\n]+[ \t]*/g, ' '))}
            onBlur={title.flush}
            onKeyDown={onTitleKeyDown}
          />
          <p className="note-times">
            <span>
              Created{' '}
              <time dateTime={note.createdAt} title={formatFull(note.createdAt)}>
                {formatFull(note.createdAt)}
              </time>
            </span>
            <span aria-hidden="true">·</span>
            <span>
              Updated{' '}
              <time dateTime={note.updatedAt} title={formatFull(note.updatedAt)}>
                {formatWhen(note.updatedAt, now).replace(/^Just now$/, 'just now')}
              </time>
            </span>
          </p>

          <dl className="note-properties">
            <div>
              <dt>
                <label htmlFor={documentFieldId}>Document</label>
              </dt>
              <dd>
                <span className="select-wrap">
                  <select
                    id={documentFieldId}
                    className="note-document"
                    value={note.documentId ?? ''}
                    onChange={(e) => update({ documentId: e.target.value || null })}
                  >
                    <option value="">No document</option>
                    {documents.map((d) => (
                      <option key={d.id} value={d.id}>
                        {d.title || 'Untitled document'}
                      </option>
                    ))}
                    {documentMissing && (
                      <option value={note.documentId ?? ''}>Document no longer in library</option>
                    )}
                  </select>
                </span>
              </dd>
            </div>
            <div>
              <dt>Tags</dt>
              <dd>
                <TagInput
                  allTags={tags}
                  selectedIds={note.tagIds}
                  onAdd={(tag) => update({ addTagIds: [tag.id] })}
                  onCreate={createTag}
                  onRemove={(tagId) => update({ removeTagIds: [tagId] })}
                />
              </dd>
            </div>
          </dl>

          <div className={`note-body${dropTarget ? ' drop-target' : ''}`}>
            {mode === 'edit' ? (
              <textarea
                ref={bodyRef}
                className="note-text"
                aria-label="Note text"
                placeholder="Write in Markdown. Drag a highlight here to quote it."
                maxLength={BODY_MAX_LENGTH}
                spellCheck
                value={body.value}
                onChange={onBodyChange}
                onBlur={body.flush}
                onDragEnter={onDragOver}
                onDragOver={onDragOver}
                onDragLeave={() => setDropTarget(false)}
                onDrop={onDrop}
              />
            ) : (
              // biome-ignore lint/a11y/noStaticElementInteractions: dropping a quote on the preview appends it.
              <div
                ref={previewRef}
                className="note-preview markdown"
                // biome-ignore lint/a11y/noNoninteractiveTabindex: the preview scrolls and takes Ctrl/Cmd+E.
                tabIndex={0}
                onDragEnter={onDragOver}
                onDragOver={onDragOver}
                onDragLeave={() => setDropTarget(false)}
                onDrop={onDrop}
                onDoubleClick={(e) => {
                  if ((e.target as HTMLElement).closest('button')) return;
                  focusAfterToggle.current = true;
                  onModeChange('edit');
                }}
              >
                {body.value.trim() ? (
                  <MarkdownPreview markdown={body.value} refs={refs} onOpenQuote={openQuote} />
                ) : (
                  <p className="note-preview-empty">Nothing written yet. Double-click to write.</p>
                )}
              </div>
            )}
          </div>

          <CitedQuotes ids={citedIds} refs={refs} onOpenQuote={openQuote} />
        </article>
      </div>
    </section>
  );
}
