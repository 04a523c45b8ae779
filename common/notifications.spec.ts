import { describe, expect, it } from 'vitest';
import { listeningOnTestServer } from './notifications-fixture.ts';

const listening = listeningOnTestServer();
const { channel } = listening;

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
      listening.notifications.listen(channel, ['anna'], () => woken.anna++),
      listening.notifications.listen(channel, ['bram'], () => woken.bram++),
      listening.notifications.listen(channel, ['anna', 'chantal'], () => woken.both++),
      listening.notifications.listen(channel, ['dirk'], () => woken.nobody++),
    ]);
    await listening.sender.query('select pg_notify($1, $2)', [channel, 'anna,bram,chantal']);
    await until(() => woken.anna === 1 && woken.bram === 1 && woken.both === 1);
    await listening.sender.query('select pg_notify($1, $2)', [channel, 'bram']);
    await until(() => woken.bram === 2);
    expect(woken).toEqual({ anna: 1, bram: 2, both: 1, nobody: 0 });
    await Promise.all(stops.map((stop) => stop()));
    await listening.sender.query('select pg_notify($1, $2)', [channel, 'anna,bram']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(woken).toEqual({ anna: 1, bram: 2, both: 1, nobody: 0 });
  });
});
