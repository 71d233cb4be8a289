import { useCallback, useEffect, useState } from 'react';
import { plural } from '../../../shared/format.ts';
import type { RoundSummary } from '../../../shared/rounds/summary.ts';
import { useApp } from '../app-services.ts';
import { call } from '../notebook-client.ts';
import { useLiveValue } from '../use-live-list.ts';

/** Kept while the app runs: coming back to the view finds the same round. */
const memory: { roundId: string | null } = { roundId: null };

export interface RoundsState {
  rounds: RoundSummary[] | null;
  selected: RoundSummary | null;
  select(id: string): void;
  busy: boolean;
  /** The coder's name from preferences ('' until set), and whether it has been read yet. */
  coderName: string;
  coderKnown: boolean;
  setCoderName(name: string): Promise<void>;
  openPackage(): Promise<void>;
  collect(roundId: string): Promise<void>;
  handIn(roundId: string): Promise<void>;
  propose(roundId: string, name: string, description: string): Promise<void>;
  created(round: RoundSummary): void;
}

/** The notebook's coding rounds, the chosen one, and what a lead or a coder does with them. */
export function useRounds(): RoundsState {
  const { onError, notify } = useApp();
  const load = useCallback(() => call('listRounds', {}), []);
  const [rounds] = useLiveValue<RoundSummary[] | null>(
    load,
    null,
    ['rounds', 'documents'],
    onError,
  );
  const [roundId, setRoundId] = useState(memory.roundId);
  const [busy, setBusy] = useState(false);
  const [coderName, setName] = useState('');
  const [coderKnown, setKnown] = useState(false);
  useEffect(() => {
    memory.roundId = roundId;
  }, [roundId]);
  useEffect(() => {
    call('getSettings', {}).then(({ settings }) => {
      setName(settings.coder.name);
      setKnown(true);
    }, onError);
  }, [onError]);

  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      try {
        await work();
      } catch (error) {
        onError(error);
      } finally {
        setBusy(false);
      }
    },
    [onError],
  );

  const selected = rounds?.find((r) => r.id === roundId) ?? rounds?.[0] ?? null;
  return {
    rounds,
    selected,
    select: setRoundId,
    busy,
    coderName,
    coderKnown,
    async setCoderName(name) {
      await run(async () => {
        const settings = await call('updateSettings', { coderName: name });
        setName(settings.coder.name);
      });
    },
    openPackage: () =>
      run(async () => {
        const round = await call('openRoundPackage', {});
        if (!round) return;
        setRoundId(round.id);
        notify({
          tone: 'info',
          message: `“${round.name}” is open: ${plural(round.documentIds.length, 'document')} to code. The codebook is the lead’s until you hand in your coding.`,
        });
      }),
    collect: (id) =>
      run(async () => {
        const items = await call('importCodingFiles', { roundId: id });
        for (const item of items) {
          if (item.status === 'failed') notify({ tone: 'error', message: item.reason });
          else
            notify({
              tone: 'info',
              message: `${item.coder.name}: ${plural(item.highlights, 'highlight')} ${item.status === 'replaced' ? 'replaced the earlier file' : 'collected'}${item.unknownCodes.length ? `; codes not in the codebook left out: ${item.unknownCodes.join(', ')}` : ''}.`,
            });
        }
      }),
    handIn: (id) =>
      run(async () => {
        const saved = await call('exportCodingFile', { roundId: id, close: true });
        if (saved)
          notify({
            tone: 'info',
            message: `Coding file saved (${plural(saved.highlights, 'highlight')}, ${plural(saved.proposals, 'proposal')}): send it to the lead. The codebook is yours again.`,
          });
      }),
    propose: (id, name, description) =>
      run(async () => {
        await call('proposeCode', { roundId: id, name, description });
        notify({
          tone: 'info',
          message: `Proposed “${name}”: it reaches the lead with your coding file.`,
        });
      }),
    created: (round) => setRoundId(round.id),
  };
}
