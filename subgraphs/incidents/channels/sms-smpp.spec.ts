/**
 * The SMPP adapter against a real SMPP server on 127.0.0.1 (fake-smsc.ts:
 * the same `smpp` package's createServer on port 0), playing the SMSC.
 */
import smpp from 'smpp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { composeAlertText } from './alert-text.ts';
import { ChannelError, type IncomingReply } from './channel.ts';
import { parseReply } from './reply.ts';
import { FakeSmsc, textOf } from './fake-smsc.ts';
import { maskPhoneNumber, normaliseSender, SmppAlertChannel, type SmppChannelOptions } from './sms-smpp.ts';

let smsc: FakeSmsc;
let channel: SmppAlertChannel;

async function setUp(options: Partial<SmppChannelOptions> = {}): Promise<void> {
  smsc = new FakeSmsc();
  const port = await smsc.listen();
  channel = new SmppAlertChannel({
    host: '127.0.0.1',
    port,
    systemId: 'heartsafe',
    password: 'secret',
    sender: '+3197010203040',
    responseTimeoutMs: 1_000,
    connectWaitMs: 1_000,
    reconnectDelayMs: { initial: 20, max: 100 },
    ...options,
  });
}

afterEach(async () => {
  await channel?.close();
  await smsc?.close();
});

const alertText = composeAlertText(
  {
    task: 'FETCH_AED',
    address: 'Dorpsstraat 12, Oisterwijk',
    aed: { location: 'sports hall De Kemp', cabinetCode: '4711' },
  },
  'en',
);

describe('SmppAlertChannel', () => {
  it('binds as transceiver and submits the alert to the volunteer with the right text', async () => {
    await setUp();
    await channel.start();
    expect(channel.isBound).toBe(true);
    expect(smsc.binds[0]).toMatchObject({ command: 'bind_transceiver', system_id: 'heartsafe', password: 'secret', interface_version: 0x34 });

    const sent = await channel.send({ to: '+31612345678', text: alertText, alertId: 'alert-1' });

    expect(sent).toEqual({ channelMessageId: 'msg-1' });
    expect(smsc.submits).toHaveLength(1);
    const [submit] = smsc.submits;
    expect(submit).toMatchObject({
      destination_addr: '31612345678',
      dest_addr_ton: smpp.TON.INTERNATIONAL,
      dest_addr_npi: smpp.NPI.ISDN,
      source_addr: '3197010203040',
      source_addr_ton: smpp.TON.INTERNATIONAL,
      data_coding: smpp.ENCODING.SMSC_DEFAULT,
      priority_flag: 1,
    });
    expect(textOf(submit!)).toBe(alertText);
    // 15 minutes, relative: the package turns it back into an absolute Date when reading.
    expect(submit!.validity_period).toBeInstanceOf(Date);
  });

  it('passes a "JA" deliver_sm to the reply handler with the sender number, and acknowledges it', async () => {
    await setUp();
    await channel.start();
    const replies: IncomingReply[] = [];
    channel.onReply((reply) => {
      replies.push(reply);
    });

    const response = await smsc.deliver({
      source_addr_ton: smpp.TON.INTERNATIONAL,
      source_addr_npi: smpp.NPI.ISDN,
      source_addr: '31612345678',
      destination_addr: '3197010203040',
      short_message: 'JA',
    });

    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ from: '+31612345678', text: 'JA' });
    expect(parseReply(replies[0]!.text)).toBe('ACCEPT');
    expect(response).toMatchObject({ command: 'deliver_sm_resp', command_status: smpp.ESME_ROK });
  });

  it('asks the SMSC to deliver a reply again when the handler fails or none is registered', async () => {
    await setUp();
    await channel.start();
    const reply = { source_addr_ton: smpp.TON.INTERNATIONAL, source_addr: '31612345678', short_message: 'ja' };
    expect(await smsc.deliver(reply)).toMatchObject({ command_status: smpp.ESME_RX_T_APPN });

    const stop = channel.onReply(() => {
      throw new Error('database down');
    });
    expect(await smsc.deliver(reply)).toMatchObject({ command_status: smpp.ESME_RX_T_APPN });
    stop();
  });

  it('does not mistake a delivery receipt for a reply', async () => {
    await setUp();
    await channel.start();
    const handler = vi.fn();
    channel.onReply(handler);
    const response = await smsc.deliver({
      source_addr: '31612345678',
      esm_class: smpp.ESM_CLASS.MC_DELIVERY_RECEIPT,
      short_message: 'id:msg-1 sub:001 dlvrd:001 submit date:2601010312 done date:2601010312 stat:DELIVRD err:000 text:Cardiac',
    });
    expect(response.command_status).toBe(smpp.ESME_ROK);
    expect(handler).not.toHaveBeenCalled();
  });

  it('keeps GSM letters in GSM 03.38 (data_coding 0) and sends other letters as UCS-2 (data_coding 8)', async () => {
    await setUp();
    await channel.start();
    await channel.send({ to: '+46701234567', text: 'Hjärtstopp! Gå till Storgatan 1, Ærø {4}' });
    expect(smsc.submits[0]).toMatchObject({ data_coding: smpp.ENCODING.SMSC_DEFAULT, destination_addr: '46701234567' });
    expect(smsc.messages[0]).toEqual({ to: '+46701234567', text: 'Hjärtstopp! Gå till Storgatan 1, Ærø {4}', dataCoding: 0, segments: 1 });

    await channel.send({ to: '+48601234567', text: 'Zatrzymanie krążenia! ul. Łódzka 5' });
    expect(smsc.submits[1]).toMatchObject({ data_coding: smpp.ENCODING.UCS2 });
    expect(smsc.messages[1]).toMatchObject({ text: 'Zatrzymanie krążenia! ul. Łódzka 5', dataCoding: 8, segments: 1 });
  });

  it('sends a long text as a concatenated SMS: one reference, numbered segments, UDH flagged in esm_class', async () => {
    await setUp();
    await channel.start();
    const long = `${'Sporthal De Kemp, ingang naast de fietsenstalling. '.repeat(5)}Dorpsstraat 12, Oisterwijk`;
    const sent = await channel.send({ to: '+31612345678', text: long });
    expect(smsc.submits).toHaveLength(2);
    expect(sent).toEqual({ channelMessageId: 'msg-1', segmentMessageIds: ['msg-1', 'msg-2'] });
    const headers = smsc.submits.map((pdu) => (pdu.short_message as smpp.DecodedMessage).udh![0]!);
    expect(smsc.submits.map((pdu) => pdu.esm_class! & 0x40)).toEqual([0x40, 0x40]);
    expect(headers[0]![2]).toBe(headers[1]![2]);
    expect(headers.map((header) => [...header.subarray(3)])).toEqual([
      [2, 1],
      [2, 2],
    ]);
    expect(smsc.messages).toEqual([{ to: '+31612345678', text: long, dataCoding: 0, segments: 2 }]);

    const polish = `ul. Łódzka 5, ${'klatka schodowa B, '.repeat(5)}Gdańsk`;
    await channel.send({ to: '+48601234567', text: polish });
    expect(smsc.messages[1]).toEqual({ to: '+48601234567', text: polish, dataCoding: 8, segments: 2 });
    expect((smsc.submits[2]!.short_message as smpp.DecodedMessage).udh![0]![2]).not.toBe(headers[0]![2]);
  });

  it('refuses unusable numbers before touching the network', async () => {
    await setUp();
    await channel.start();
    await expect(channel.send({ to: '0612345678', text: alertText })).rejects.toMatchObject({ code: 'INVALID_RECIPIENT' });
    expect(smsc.submits).toHaveLength(0);
  });

  it('reports a refused message as REJECTED, and retries when the SMSC is only throttling', async () => {
    await setUp();
    await channel.start();
    smsc.onSubmit = (_pdu, count) => (count === 1 ? smpp.ESME_RTHROTTLED : smpp.ESME_ROK);
    await expect(channel.send({ to: '+31612345678', text: alertText })).resolves.toEqual({ channelMessageId: 'msg-2' });

    smsc.onSubmit = () => smpp.ESME_RINVDSTADR;
    const error = await channel.send({ to: '+31612345678', text: alertText }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toMatchObject({ code: 'REJECTED', mayHaveBeenSent: false });
    expect((error as Error).message).toMatch(/ESME_RINVDSTADR \(0xb\)/);
    expect((error as Error).message).not.toContain('12345678');
  });

  it('answers the SMSC keep-alive and sends its own', async () => {
    await setUp({ enquireLinkIntervalMs: 30 });
    await channel.start();
    const response = await new Promise<smpp.PDU>((resolve) => smsc.session.enquire_link(resolve));
    expect(response.command).toBe('enquire_link_resp');
    await vi.waitFor(() => expect(smsc.received).toContain('enquire_link'));
  });

  it('reconnects when the SMSC stops answering enquire_link', async () => {
    await setUp({ enquireLinkIntervalMs: 30, responseTimeoutMs: 100 });
    await channel.start();
    smsc.answerEnquireLink = false;
    await vi.waitFor(() => expect(smsc.binds).toHaveLength(2), { timeout: 2_000 });
    smsc.answerEnquireLink = true;
    await vi.waitFor(() => expect(channel.isBound).toBe(true));
    await expect(channel.send({ to: '+31612345678', text: alertText })).resolves.toBeDefined();
  });

  it('reconnects after the connection drops and sends again', async () => {
    await setUp();
    await channel.start();
    smsc.session.destroy();
    await vi.waitFor(() => expect(smsc.binds).toHaveLength(2));
    await expect(channel.send({ to: '+31612345678', text: alertText })).resolves.toBeDefined();
  });

  it('rebinds after the SMSC unbinds', async () => {
    await setUp();
    await channel.start();
    const response = await new Promise<smpp.PDU>((resolve) => smsc.session.unbind(resolve));
    expect(response.command).toBe('unbind_resp');
    await vi.waitFor(() => expect(smsc.binds).toHaveLength(2));
  });

  it('fails an alert in flight with OUTCOME_UNKNOWN when the connection drops before the answer', async () => {
    await setUp();
    await channel.start();
    smsc.onSubmit = () => {
      setImmediate(() => smsc.session.destroy());
      return null;
    };
    const error = await channel.send({ to: '+31612345678', text: alertText }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', mayHaveBeenSent: true });
  });

  it('fails a send with NOT_CONNECTED while the SMSC is unreachable', async () => {
    await setUp({ connectWaitMs: 150 });
    await channel.start();
    await smsc.close();
    await vi.waitFor(() => expect(channel.isBound).toBe(false));
    await expect(channel.send({ to: '+31612345678', text: alertText })).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('does not start with wrong credentials, and does not keep retrying them', async () => {
    await setUp({ password: 'wrong' });
    await expect(channel.start()).rejects.toMatchObject({ code: 'REJECTED', message: expect.stringMatching(/ESME_RINVPASWD/) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(smsc.binds).toHaveLength(1);
  });

  it('closes cleanly: unbinds, closes the socket, and refuses further sends', async () => {
    await setUp();
    await channel.start();
    await channel.close();
    expect(smsc.received).toContain('unbind');
    expect(channel.isBound).toBe(false);
    await vi.waitFor(() => expect(smsc.sessions.size).toBe(0));
    await expect(channel.send({ to: '+31612345678', text: alertText })).rejects.toMatchObject({ code: 'CLOSED' });
    await channel.close();
  });

  it('stops a pending start when closed while the SMSC is down', async () => {
    await setUp();
    await smsc.close();
    const starting = expect(channel.start()).rejects.toMatchObject({ code: 'CLOSED' });
    await channel.close();
    await starting;
  });
});

describe('sender numbers and log masking', () => {
  it('turns international senders into E.164 and leaves national ones alone', () => {
    expect(normaliseSender('31612345678', smpp.TON.INTERNATIONAL)).toBe('+31612345678');
    expect(normaliseSender('+31612345678', smpp.TON.UNKNOWN)).toBe('+31612345678');
    expect(normaliseSender('0031612345678', smpp.TON.UNKNOWN)).toBe('+31612345678');
    expect(normaliseSender('0612345678', smpp.TON.NATIONAL)).toBe('0612345678');
  });

  it('masks phone numbers for logs', () => {
    expect(maskPhoneNumber('+31612345678')).toBe('+3161****678');
    expect(maskPhoneNumber('112')).toBe('***');
  });
});
