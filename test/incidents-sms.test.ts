/**
 * Alerts by SMS end to end: the product configured with SMPP_* variables
 * pointing at a local SMPP server (a real SMPP 3.4 server from the `smpp`
 * package), an alert SMS submitted with the task, address and cabinet code
 * (sent again when the SMSC refused it), the volunteer's "JA" reply
 * accepting the alert as the app would and confirmed by SMS, and the
 * stand-down SMS that follows once enough have accepted (in Dutch: the
 * municipality is Dutch).
 */
import smpp from 'smpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSmsc, textOf } from '../subgraphs/incidents/channels/fake-smsc.ts';
import { buildWorld, pause, reportInput, subscribeFrames, type World } from './incidents-world.ts';
import { CancelIncidentTestOverDocument, IncidentTimelineKindsDocument, ReportIncidentTasksDocument, SetDispatchPolicyVersionDocument } from './operations/generated.ts';
import { startTestStack, type TestStack } from './stack.ts';

let smsc: FakeSmsc;
let stack: TestStack;
let world: World;

const ANNA_PHONE = '+31612345678';
const BRAM_PHONE = '+31687654321';

/** The submit_sm PDUs addressed to `phone`, as texts. */
const textsTo = (phone: string) => smsc.submits.filter((pdu) => pdu.destination_addr === phone.slice(1)).map((pdu) => String(textOf(pdu)));

async function eventually<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await pause(50);
  }
}

beforeAll(async () => {
  smsc = new FakeSmsc();
  const port = await smsc.listen();
  // The configuration a deployment sets (docs/incidents.md, "Alerts by SMS"); this test file runs in a process of its own.
  Object.assign(process.env, {
    SMPP_HOST: '127.0.0.1',
    SMPP_PORT: String(port),
    SMPP_SYSTEM_ID: 'heartsafe',
    SMPP_PASSWORD: smsc.password,
    SMS_SENDER: '+3197010203040',
  });
  stack = await startTestStack();
  world = await buildWorld(stack, {
    patient: { lat: 51.4416, lon: 5.4697 },
    volunteers: [
      { name: 'Anna', north: 0, east: -100, phone: ANNA_PHONE },
      { name: 'Bram', north: 300, east: 0, phone: BRAM_PHONE },
    ],
    aeds: [{ name: 'A1', north: 150, east: 0, cabinetCode: '4711' }],
  });
  await stack.data(SetDispatchPolicyVersionDocument, { input: { securityRegionId: world.regionId, dispatch: { enoughAcceptances: 1 } } }, await stack.adminToken());
});

afterAll(async () => {
  await stack?.close();
  await smsc?.close();
  for (const name of ['SMPP_HOST', 'SMPP_PORT', 'SMPP_SYSTEM_ID', 'SMPP_PASSWORD', 'SMS_SENDER']) delete process.env[name];
});

describe('alerts by SMS over SMPP', () => {
  it('sends the alert by SMS, accepts it when the volunteer replies JA, and stands the other down by SMS', async () => {
    // The SMSC refuses Anna's first SMS (nothing sent): it is sent again; Bram's, accepted at once, is not.
    let refused = false;
    smsc.onSubmit = (pdu) => {
      if (pdu.destination_addr !== ANNA_PHONE.slice(1) || refused) return smpp.ESME_ROK;
      refused = true;
      return smpp.ESME_RSYSERR;
    };
    const { reportIncident: incident } = await stack.data(
      ReportIncidentTasksDocument,
      { input: reportInput(world, { address: 'Stratumseind 32, Eindhoven' }) },
      world.dispatcherToken,
    );
    const bramAlert = incident.alerts.find((alert: any) => alert.volunteer.id === world.volunteers.Bram!.id)!;
    expect(bramAlert.task).toBe('FETCH_AED');

    const [toBram] = await eventually(
      () => textsTo(BRAM_PHONE),
      (texts) => texts.length >= 1,
    );
    expect(toBram).toBe('Hartstilstand! Haal de AED bij AED A1, code 4711 en ga dan naar Stratumseind 32, Eindhoven. Antwoord JA als je gaat, NEE als je niet kunt.');
    const annaTexts = await eventually(
      () => textsTo(ANNA_PHONE),
      (texts) => texts.length >= 2,
    );
    expect(annaTexts).toEqual(Array(2).fill('Hartstilstand! Ga direct naar Stratumseind 32, Eindhoven en begin met reanimeren. Antwoord JA als je gaat, NEE als je niet kunt.'));
    expect(smsc.binds[0]).toMatchObject({ system_id: 'heartsafe' });

    const bramApp = subscribeFrames(stack.wsClient(world.volunteers.Bram!.token), `subscription ($v: ID!) { myAlerts(volunteerId: $v, after: "0") { kind alert { id status } } }`, {
      v: world.volunteers.Bram!.id,
    });
    // Replies from numbers with no recent alert are acknowledged and ignored; one not understood gets the reply words.
    expect((await smsc.deliver({ source_addr: '31600000000', source_addr_ton: 1, destination_addr: '3197010203040', short_message: 'JA' })).command_status).toBe(0);
    expect((await smsc.deliver({ source_addr: BRAM_PHONE.slice(1), source_addr_ton: 1, destination_addr: '3197010203040', short_message: 'misschien' })).command_status).toBe(0);
    const reply = await smsc.deliver({ source_addr: BRAM_PHONE.slice(1), source_addr_ton: 1, destination_addr: '3197010203040', short_message: 'Ja, ik kom!' });
    expect(reply.command_status).toBe(0);

    const frames = await bramApp.until((all) => all.some((frame) => frame.myAlerts.kind === 'RESPONSE_RECORDED'));
    expect(frames.find((frame) => frame.myAlerts.kind === 'RESPONSE_RECORDED').myAlerts.alert).toEqual({ id: bramAlert.id, status: 'ACCEPTED' });
    const texts = await eventually(
      () => textsTo(ANNA_PHONE),
      (all) => all.length >= 3,
    );
    expect(texts[2]).toBe('Afgemeld: er zijn genoeg burgerhulpverleners onderweg. Je hoeft niet te gaan. Bedankt!');
    expect(
      await eventually(
        () => textsTo(BRAM_PHONE),
        (all) => all.length >= 3,
      ),
    ).toEqual([
      toBram,
      'Sorry, we begrijpen je antwoord niet. Antwoord JA als je gaat of NEE als je niet kunt.',
      'Bedankt! Je gaat naar Stratumseind 32, Eindhoven. Stop als je een afmelding krijgt.',
    ]);

    // A second JA (the network delivering the reply again) changes nothing.
    await smsc.deliver({ source_addr: BRAM_PHONE.slice(1), source_addr_ton: 1, destination_addr: '3197010203040', short_message: 'JA' });
    const { incident: after } = await stack.data(IncidentTimelineKindsDocument, { i: incident.id }, world.dispatcherToken);
    expect(after.timeline.map((event: any) => event.kind)).toEqual(['REPORTED', 'ALERTED', 'ALERTED', 'ACCEPTED', 'STOOD_DOWN']);
    await pause(300);
    expect(textsTo(BRAM_PHONE)).toHaveLength(3);
    await stack.data(CancelIncidentTestOverDocument, { i: incident.id }, world.dispatcherToken);
  });
});
