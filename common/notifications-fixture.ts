/**
 * For specs of what listens for NOTIFY: a LISTEN connection (the product's
 * own Notifications) and a plain client that sends, both on the test run's
 * PostgreSQL, opened before the file's tests and closed after them, on a
 * channel of the file's own.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { Notifications } from './notifications.ts';

export interface Listening {
  readonly channel: string;
  notifications: Notifications;
  sender: pg.Client;
}

export function listeningOnTestServer(): Listening {
  const listening = { channel: `test_${randomBytes(4).toString('hex')}` } as Listening;
  beforeAll(async () => {
    listening.notifications = new Notifications(inject('postgresServerUrl'));
    listening.sender = new pg.Client({ connectionString: inject('postgresServerUrl') });
    await listening.sender.connect();
  });
  afterAll(async () => {
    await listening.notifications?.close();
    await listening.sender?.end();
  });
  return listening;
}
