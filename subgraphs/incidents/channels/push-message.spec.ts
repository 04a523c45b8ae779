import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../delivery/push-delivery.ts';
import { pushMessageOf, type AlertForPush } from './push-message.ts';

const alert: AlertForPush = {
  alertId: 'alert-1',
  incidentId: 'incident-1',
  task: 'FETCH_AED',
  message: 'Hartstilstand! Haal de AED bij sporthal De Kemp, code 4711, en ga dan naar Dorpsstraat 12.',
  address: 'Dorpsstraat 12, Oisterwijk',
  aedId: 'aed-1',
  aedLatitude: 51.58,
  aedLongitude: 5.19,
  cabinetCode: '4711',
  standDownReason: null,
  language: 'nl',
  expiresAt: new Date('2026-12-06T03:22:00Z'),
};

describe('pushMessageOf', () => {
  it('rings with the app text and carries what the app needs to show the task, and nothing personal beyond the SMS', () => {
    const message = pushMessageOf('ALERT', alert);
    expect(message).toMatchObject({ alertId: 'alert-1', body: alert.message, urgent: true, expiresAt: alert.expiresAt });
    expect(message.title).not.toBe('');
    expect(message.data).toEqual({
      type: 'ALERT',
      alertId: 'alert-1',
      incidentId: 'incident-1',
      task: 'FETCH_AED',
      address: 'Dorpsstraat 12, Oisterwijk',
      aedId: 'aed-1',
      aedLatitude: '51.58',
      aedLongitude: '5.19',
      cabinetCode: '4711',
      expiresAt: '2026-12-06T03:22:00.000Z',
    });
  });

  it('stands down quietly, in the alert’s language, without the address or the code', () => {
    const message = pushMessageOf('STAND_DOWN', { ...alert, standDownReason: 'ENOUGH_RESPONDERS' });
    expect(message.urgent).toBe(false);
    expect(message.body).toMatch(/^Afgemeld:/);
    expect(message.title).toBe('Afgemeld');
    expect(Object.keys(message.data).sort()).toEqual(['alertId', 'expiresAt', 'incidentId', 'task', 'type']);
  });
});

describe('retryDelayMs', () => {
  it('waits what the push service asked for, else 1, 2, 4, 8 s', () => {
    expect(retryDelayMs(1, 30_000)).toBe(30_000);
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, undefined))).toEqual([1000, 2000, 4000, 8000]);
  });
});
