import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Notifications } from './notifications.ts';

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

/** Waits until `condition` holds (a notification is asynchronous), or fails after a second. */
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 1000) throw new Error('not woken');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('notifications', () => {
  it('wakes each listener once for the keys a payload names, and no one else', async () => {
    const woken = { anna: 0, bram: 0, both: 0, nobody: 0 };
    const stops = await Promise.all([
      notifications.listen(channel, ['anna'], () => woken.anna++),
      notifications.listen(channel, ['bram'], () => woken.bram++),
      notifications.listen(channel, ['anna', 'chantal'], () => woken.both++),
      notifications.listen(channel, ['dirk'], () => woken.nobody++),
    ]);
    await sender.query('select pg_notify($1, $2)', [channel, 'anna,bram,chantal']);
    await until(() => woken.anna === 1 && woken.bram === 1 && woken.both === 1);
    await sender.query('select pg_notify($1, $2)', [channel, 'bram']);
    await until(() => woken.bram === 2);
    expect(woken).toEqual({ anna: 1, bram: 2, both: 1, nobody: 0 });
    await Promise.all(stops.map((stop) => stop()));
    await sender.query('select pg_notify($1, $2)', [channel, 'anna,bram']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(woken).toEqual({ anna: 1, bram: 2, both: 1, nobody: 0 });
  });
});
