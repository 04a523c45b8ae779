import { describe, expect, it } from 'vitest';
import { resolveDispatchPolicy } from './dispatch-policy.ts';
import type { SentAlert } from './selection.ts';
import { volunteersToStandDown } from './stand-down.ts';

const policy = resolveDispatchPolicy({ enoughAcceptances: 2 });
const cpr = (volunteerId: string, response: SentAlert['response']): SentAlert => ({ volunteerId, task: 'CPR', response });
const fetcher = (volunteerId: string, response: SentAlert['response']): SentAlert => ({
  volunteerId,
  task: 'FETCH_AED',
  aedId: `aed-of-${volunteerId}`,
  response,
});

describe('volunteersToStandDown', () => {
  it('stands nobody down before enough have accepted', () => {
    expect(volunteersToStandDown([cpr('a', 'ACCEPTED'), cpr('b', 'PENDING'), fetcher('c', 'PENDING')], policy)).toEqual([]);
  });

  it('stands down everyone still pending once enough accepted, an AED among them', () => {
    const sent = [cpr('a', 'ACCEPTED'), fetcher('b', 'ACCEPTED'), cpr('c', 'PENDING'), fetcher('d', 'PENDING'), cpr('e', 'DECLINED')];
    expect(volunteersToStandDown(sent, policy)).toEqual(['c', 'd']);
  });

  it('keeps pending AED fetchers alerted while nobody who accepted brings an AED', () => {
    const sent = [cpr('a', 'ACCEPTED'), cpr('b', 'ACCEPTED'), cpr('c', 'PENDING'), fetcher('d', 'PENDING'), fetcher('e', 'DECLINED')];
    expect(volunteersToStandDown(sent, policy)).toEqual(['c']);
  });

  it('never stands down someone who accepted or was already stood down', () => {
    const sent = [cpr('a', 'ACCEPTED'), fetcher('b', 'ACCEPTED'), cpr('c', 'ACCEPTED'), cpr('d', 'STOOD_DOWN')];
    expect(volunteersToStandDown(sent, policy)).toEqual([]);
  });
});
