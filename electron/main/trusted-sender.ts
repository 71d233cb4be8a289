/**
 * Whether an IPC message comes from the app's own page: the top frame (never an iframe) of a
 * page on one of the app's origins. Kept free of electron imports so it is unit-tested in Node.
 */
export function isTrustedSender(
  frame: { url: string; isTopFrame: boolean } | null | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (!frame?.isTopFrame) return false;
  try {
    const { origin, protocol, host } = new URL(frame.url);
    // Custom schemes report an opaque origin ("null"); compare scheme and host instead.
    const effective = origin === 'null' ? `${protocol}//${host}` : origin;
    return allowedOrigins.includes(effective);
  } catch {
    return false;
  }
}
