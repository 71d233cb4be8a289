import { useEffect } from 'react';
import type { NotebookInfo } from '../../../shared/contract.ts';
import { quarantineNotice } from '../../../shared/quarantine.ts';
import type { Notices } from './use-toasts.ts';

/**
 * News about the notebook itself that the user must not miss, kept on screen until dismissed:
 * a recovery from a damaged store, records set aside as damaged, and a failing save (until
 * saving works again, which is said too).
 */
export function useNotebookNotices(info: NotebookInfo | null, { notify, dismiss }: Notices) {
  useEffect(() => {
    if (info?.recovery) notify({ tone: 'error', message: info.recovery.message, sticky: true });
    const quarantined = info && quarantineNotice(info.quarantine);
    if (quarantined) notify({ tone: 'error', message: quarantined, sticky: true });
  }, [info, notify]);

  useEffect(() => {
    let failure: number | null = null;
    return window.notebook.onEvent((event) => {
      if (event.type === 'save-failed' && failure === null) {
        failure = notify({ tone: 'error', message: event.message, sticky: true });
      } else if (event.type === 'save-recovered' && failure !== null) {
        dismiss(failure);
        failure = null;
        notify({ tone: 'info', message: 'Saving works again; all changes are on disk.' });
      }
    });
  }, [notify, dismiss]);
}
