import { webAddress } from '../../shared/links.ts';
import { call } from './notebook-client.ts';

/**
 * Ask to open a web address in the system browser. The core checks it again and the app asks
 * the user first; whatever is not http(s) goes nowhere.
 */
export async function openLink(href: string): Promise<void> {
  const url = webAddress(href);
  if (url) await call('openExternalLink', { url });
}
