import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import { deliveryReceiptRequest, parseDeliveryReceipt } from './sms-smpp.ts';

const receipt = (fields: Record<string, unknown>) => new smpp.PDU('deliver_sm', { source_addr: '31612345678', destination_addr: '3197010203040', ...fields });

describe('SMSC delivery receipts', () => {
  it('asks for a receipt on final delivery', () => {
    expect(deliveryReceiptRequest()).toEqual({ registered_delivery: 1 });
  });

  it('reads the message id and state from the TLVs', () => {
    expect(parseDeliveryReceipt(receipt({ esm_class: 0x04, short_message: 'whatever', receipted_message_id: 'abc123', message_state: 2 }))).toEqual({
      channelMessageId: 'abc123',
      delivered: true,
      status: 'DELIVRD',
    });
  });

  it('reads them from the appendix B text when the SMSC sends no TLVs', () => {
    const text = 'id:7F3A sub:001 dlvr:000 submit date:2612060312 done date:2612060313 stat:UNDELIV err:001 text:Hartstilstand';
    expect(parseDeliveryReceipt(receipt({ esm_class: 0x04, short_message: text }))).toEqual({ channelMessageId: '7F3A', delivered: false, status: 'UNDELIV' });
  });

  it('is not a receipt when esm_class says it is a volunteer’s message', () => {
    expect(parseDeliveryReceipt(receipt({ esm_class: 0, short_message: 'id:1 stat:DELIVRD' }))).toBeUndefined();
  });
});
