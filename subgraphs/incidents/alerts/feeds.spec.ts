import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Notifications } from '../../../common/notifications.ts';
import { notifyWoken } from './feeds.ts';

const channel = `test_${randomBytes(4).toString('hex')}`;
let notifications: Notifications;
let sender: pg.Client;

beforeAll(async () => {
  notifications = new Notifications(inject('postgresServerUrl'));
  sender = new pg.Client({ connectionString: inject('postgresServerUrl') });
  await sender.connect();
});

afterAll(async () => {
  await notifications?.close();
  await sender?.end();
});

describe('waking feed subscribers', () => {
  it('wakes every key, however many, with payloads PostgreSQL accepts', async () => {
    const keys = Array.from({ length: 450 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const woken = new Set<string>();
    const stops = await Promise.all(keys.map((key) => notifications.listen(channel, [key], () => woken.add(key))));
    const { rows } = await sender.query(`select (${notifyWoken(`select '${channel}'::text as channel, key::text from unnest($1::text[]) as key`)}) as sent`, [keys]);
    expect(Number(rows[0].sent)).toBe(3);
    for (let waited = 0; woken.size < keys.length && waited < 2000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(woken.size).toBe(keys.length);
    await Promise.all(stops.map((stop) => stop()));
  });
});
