import { describe, expect, it } from 'vitest';
import { listeningOnTestServer } from '../../../common/notifications-fixture.ts';
import { notifyWoken } from './feeds.ts';

const listening = listeningOnTestServer();
const { channel } = listening;

describe('waking feed subscribers', () => {
  it('wakes every key, however many, with payloads PostgreSQL accepts', async () => {
    const keys = Array.from({ length: 450 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const woken = new Set<string>();
    const stops = await Promise.all(keys.map((key) => listening.notifications.listen(channel, [key], () => woken.add(key))));
    const { rows } = await listening.sender.query(`select (${notifyWoken(`select '${channel}'::text as channel, key::text from unnest($1::text[]) as key`)}) as sent`, [keys]);
    expect(Number(rows[0].sent)).toBe(3);
    for (let waited = 0; woken.size < keys.length && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(woken.size).toBe(keys.length);
    await Promise.all(stops.map((stop) => stop()));
  });
});
