export function TagManager() {
  return <div className="empty-state">Tags</div>;
}
