import { describe, expect, it } from 'vitest';
import { deliveryOf, describeSummary, DeliveryState, summarise, type DeliveryFacts } from './delivery-state.ts';

const facts = (overrides: Partial<DeliveryFacts>): DeliveryFacts => ({ acknowledgedAt: null, pushes: [], sms: null, smsPossible: true, ...overrides });

describe('deliveryOf', () => {
  it('ranks the best news first: confirmed in the app, SMS delivered, SMS sent, pushed, queued', () => {
    const sent = { state: 'SENT' as const, reason: null };
    expect(deliveryOf(facts({ pushes: [sent], acknowledgedAt: new Date(), sms: { state: 'DELIVERED', reason: null } })).state).toBe(DeliveryState.DELIVERED_TO_APP);
    expect(deliveryOf(facts({ pushes: [sent], sms: { state: 'DELIVERED', reason: null } })).state).toBe(DeliveryState.SMS_DELIVERED);
    expect(deliveryOf(facts({ pushes: [sent], sms: { state: 'SENT', reason: null } })).state).toBe(DeliveryState.SMS_SENT);
    expect(deliveryOf(facts({ pushes: [sent, { state: 'DEAD_TOKEN', reason: 'Unregistered' }] }))).toEqual({
      state: DeliveryState.PUSHED,
      reason: 'Unregistered',
      devicesPushed: 1,
      devicesFailed: 1,
    });
    expect(deliveryOf(facts({ pushes: [{ state: 'QUEUED', reason: '429' }] })).state).toBe(DeliveryState.QUEUED);
  });

  it('is FAILED only when nothing got through and nothing more will be tried', () => {
    const dead = { state: 'DEAD_TOKEN' as const, reason: 'BadDeviceToken' };
    // The SMS fallback may still go out.
    expect(deliveryOf(facts({ pushes: [dead] })).state).toBe(DeliveryState.QUEUED);
    expect(deliveryOf(facts({ pushes: [dead], smsPossible: false }))).toMatchObject({ state: DeliveryState.FAILED, reason: 'BadDeviceToken' });
    expect(deliveryOf(facts({ pushes: [dead], sms: { state: 'UNDELIVERED', reason: 'the SMSC reported UNDELIV' } }))).toMatchObject({
      state: DeliveryState.FAILED,
      reason: 'BadDeviceToken; the SMSC reported UNDELIV',
    });
    expect(deliveryOf(facts({ smsPossible: false })).reason).toBe('no registered device and no phone number');
  });
});

describe('describeSummary', () => {
  it('says what the dispatcher needs in words', () => {
    const summary = summarise([...Array.from({ length: 3 }, () => deliveryOf(facts({ pushes: [{ state: 'SENT', reason: null }] }))), deliveryOf(facts({ smsPossible: false }))]);
    expect(describeSummary(summary)).toBe('3 phones rang, 1 not reachable');
    expect(describeSummary(summarise([deliveryOf(facts({ acknowledgedAt: new Date() })), deliveryOf(facts({ sms: { state: 'DELIVERED', reason: null } }))]))).toBe(
      '1 phone rang, 1 confirmed in the app, 1 SMS sent (1 delivered)',
    );
  });
});
