import { describe, expect, it } from 'vitest';
import type { SpeakerSummary } from '../../shared/contract.ts';
import {
  avatarHue,
  filterSpeakers,
  groupByDocument,
  initials,
  speakerStats,
} from '../../shared/quotes/speaker-list.ts';

const quote = (documentId: string, documentTitle: string, start: number) => ({
  annotationId: `ann_${documentId}_${start}`,
  documentId,
  documentTitle,
  exact: `quote at ${start}`,
  start,
});

const speaker = (name: string, role: string, quotes: SpeakerSummary['quotes']): SpeakerSummary => ({
  tagId: `tag_${name}`,
  name,
  role,
  documentCount: new Set(quotes.map((q) => q.documentId)).size,
  quotes,
});

describe('the speakers view', () => {
  it('groups a speaker quotes by document title, in text order within each', () => {
    const groups = groupByDocument([
      quote('d2', 'Kabul', 90),
      quote('d1', 'Bagram', 40),
      quote('d2', 'Kabul', 10),
      quote('d1', 'Bagram', 5),
    ]);
    expect(groups.map((g) => g.documentTitle)).toEqual(['Bagram', 'Kabul']);
    expect(groups.map((g) => g.quotes.map((q) => q.start))).toEqual([
      [5, 40],
      [10, 90],
    ]);
    expect(groupByDocument([])).toEqual([]);
  });

  it('makes initials from the first and last names', () => {
    expect(initials('Mohammad Yaqoob Mujahid')).toBe('MM');
    expect(initials('Donald Trump')).toBe('DT');
    expect(initials('Madonna')).toBe('M');
    expect(initials('Ángela  de la Cruz')).toBe('ÁC');
    expect(initials('"  "')).toBe('?');
  });

  it('gives each name a stable hue', () => {
    expect(avatarHue('Donald Trump')).toBe(avatarHue('donald trump'));
    const hues = new Set(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((n) => avatarHue(`${n} Smith`)),
    );
    expect(hues.size).toBeGreaterThan(2);
  });

  it('filters by every typed word in name or role, ignoring case, accents and apostrophes', () => {
    const all = [
      speaker('Mohammad Yaqoob Mujahid', 'Defense Minister', []),
      speaker('José Pérez', 'spokesman', []),
      speaker('Conor O’Neill', 'council leader', []),
    ];
    expect(filterSpeakers(all, '').length).toBe(3);
    // The text has a curly apostrophe; the keyboard types a straight one.
    expect(filterSpeakers(all, "o'neill").map((s) => s.name)).toEqual(['Conor O’Neill']);
    expect(filterSpeakers(all, 'defense muj').map((s) => s.name)).toEqual([
      'Mohammad Yaqoob Mujahid',
    ]);
    expect(filterSpeakers(all, 'jose PEREZ').map((s) => s.name)).toEqual(['José Pérez']);
    expect(filterSpeakers(all, 'nobody')).toEqual([]);
  });

  it('counts quotes and documents', () => {
    expect(speakerStats(speaker('A', '', [quote('d1', 'x', 1)]))).toBe('1 quote · 1 document');
    expect(
      speakerStats(
        speaker('A', '', [quote('d1', 'x', 1), quote('d2', 'y', 1), quote('d2', 'y', 5)]),
      ),
    ).toBe('3 quotes · 2 documents');
  });
});
