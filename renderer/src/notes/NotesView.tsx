export function NotesView(_: {
  openNoteId: string | null;
  onOpenNote: (id: string | null) => void;
}) {
  return <div className="empty-state">Notes</div>;
}
