/**
 * A coding package the system handed the app (a double click on a `.mpackage`): the app shows
 * the Team view and the view opens it, whether it was showing already or mounts for it.
 */
const requests = new EventTarget();
let pending = false;

export function requestOpenPackage(): void {
  pending = true;
  requests.dispatchEvent(new Event('open'));
}

/** Call `open` for a request made before the view mounted, and for every one after. */
export function onOpenPackageRequest(open: () => void): () => void {
  const handle = () => {
    if (!pending) return;
    pending = false;
    open();
  };
  handle();
  requests.addEventListener('open', handle);
  return () => requests.removeEventListener('open', handle);
}
