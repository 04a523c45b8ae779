/**
 * Messages people understand, end to end through the gateway with the
 * product sending SMS to a local SMPP server (fake-smsc.ts, which joins the
 * segments of a concatenated SMS as a phone does): alerts in the volunteer's
 * language, Swedish replies understood and answered in Swedish, a long AED
 * description sent as two segments with the address whole, UCS-2 for a
 * letter outside the GSM alphabet, and a volunteer busy with one incident
 * not alerted for another 300 m away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSmsc, type ReceivedSms } from '../subgraphs/incidents/channels/fake-smsc.ts';
import { buildWorld, pause, reportInput, type World } from './incidents-world.ts';
import { PREVIOUS_DEFAULT_OVERRIDES } from '../subgraphs/incidents/dispatch/dispatch-policy.ts';
import { CancelIncidentTestOverDocument, ReportIncidentTasksDocument, SetDispatchPolicyVersionDocument } from './operations/generated.ts';
import { startTestStack, type TestStack } from './stack.ts';

let smsc: FakeSmsc;
let stack: TestStack;

const SENDER = '3197010203040';
const SVEN = '+46701234501';
const BRITT = '+46701234502';
const ERIK = '+46701234503';
const AED_DESCRIPTION = 'Idrottshallen, huvudentrén vid cykelstället, gula skåpet till vänster om dörren';

/** The SMS `phone` received, as the phone shows them. */
const messagesTo = (phone: string): ReceivedSms[] => smsc.messages.filter((message) => message.to === phone);

async function eventually<T>(read: () => T, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await pause(50);
  }
}

/** A reply from `phone`, as the SMSC delivers it. */
const reply = (phone: string, text: string) => smsc.deliver({ source_addr: phone.slice(1), source_addr_ton: 1, destination_addr: SENDER, short_message: text });

async function setPolicy(world: World, dispatch: Record<string, unknown>): Promise<void> {
  await stack.data(SetDispatchPolicyVersionDocument, { input: { securityRegionId: world.regionId, dispatch } }, await stack.adminToken());
}

async function report(world: World, address: string, north = 0): Promise<{ id: string; alerts: { id: string; task: string | null; volunteer: { id: string } }[] }> {
  const { reportIncident } = await stack.data(ReportIncidentTasksDocument, { input: reportInput(world, { address }, north) }, world.dispatcherToken);
  return reportIncident;
}

async function cancel(world: World, incidentId: string): Promise<void> {
  await stack.data(CancelIncidentTestOverDocument, { i: incidentId }, world.dispatcherToken);
}

beforeAll(async () => {
  smsc = new FakeSmsc();
  const port = await smsc.listen();
  // This test file runs in a process of its own.
  Object.assign(process.env, { SMPP_HOST: '127.0.0.1', SMPP_PORT: String(port), SMPP_SYSTEM_ID: 'heartsafe', SMPP_PASSWORD: smsc.password, SMS_SENDER: `+${SENDER}` });
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.close();
  await smsc?.close();
  for (const name of ['SMPP_HOST', 'SMPP_PORT', 'SMPP_SYSTEM_ID', 'SMPP_PASSWORD', 'SMS_SENDER']) delete process.env[name];
});

describe('messages in the volunteer’s language', () => {
  let world: World;

  beforeAll(async () => {
    world = await buildWorld(stack, {
      patient: { lat: 59.2669, lon: 18.1337 },
      countryCode: 'SE',
      timeZone: 'Europe/Stockholm',
      volunteers: [
        { name: 'Sven', north: 0, east: -100, phone: SVEN },
        { name: 'Britt', north: 300, east: 0, phone: BRITT },
        { name: 'Erik', north: -600, east: 0, phone: ERIK, language: 'en' },
      ],
      aeds: [{ name: 'A1', north: 150, east: 0, cabinetCode: '4711', address: 'Skarpnäcks allé 10, 128 33 Skarpnäck', locationDescription: AED_DESCRIPTION }],
    });
    // The previous default's rule, chosen explicitly: Erik (S600) must go straight to CPR, which the
    // default's wider detour (any AED at most doubling the route) would change by sending him for A1 too.
    await setPolicy(world, { ...PREVIOUS_DEFAULT_OVERRIDES, enoughAcceptances: 1 });
  });

  it('stores the language: the country’s by default, the volunteer’s own choice, and refuses an unknown one', async () => {
    const admin = await stack.adminToken();
    const read = async (name: string) => (await stack.data(`query ($id: ID!) { volunteer(id: $id) { language } }`, { id: world.volunteers[name]!.id }, admin)).volunteer.language;
    expect(await read('Sven')).toBe('sv');
    expect(await read('Erik')).toBe('en');

    const refused = await stack.request(
      `mutation ($id: ID!) { updateVolunteer(id: $id, input: { language: "xx" }) { language } }`,
      { id: world.volunteers.Sven!.id },
      world.volunteers.Sven!.token,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language', reason: 'UNSUPPORTED_LANGUAGE' });
    expect(refused.errors?.[0]?.message).toMatch(/nl, sv, da, nb, de, fr, en/);
    expect(await read('Sven')).toBe('sv');
  });

  it('alerts in Swedish, sends the AED fetcher two segments with every address whole, and answers Swedish replies in Swedish', async () => {
    const address = 'Kärrtorpsvägen 3, 128 30 Skarpnäck';
    const incident = await report(world, address);
    expect(incident.alerts.find((alert) => alert.volunteer.id === world.volunteers.Britt!.id)!.task).toBe('FETCH_AED');

    const [toSven] = await eventually(
      () => messagesTo(SVEN),
      (all) => all.length >= 1,
    );
    expect(toSven).toEqual({
      to: SVEN,
      text: `Hjärtstopp! Gå direkt till ${address} och starta HLR. Svara JA om du kan gå, NEJ om du inte kan.`,
      dataCoding: 0,
      segments: 1,
    });
    const [toErik] = await eventually(
      () => messagesTo(ERIK),
      (all) => all.length >= 1,
    );
    expect(toErik!.text).toBe(`Cardiac arrest! Go straight to ${address} and start CPR. Reply YES to accept, NO to decline.`);

    const [toBritt] = await eventually(
      () => messagesTo(BRITT),
      (all) => all.length >= 1,
    );
    expect(toBritt).toMatchObject({ dataCoding: 0, segments: 2 });
    expect(toBritt!.text).toBe(
      `Hjärtstopp! Hämta hjärtstartaren vid Skarpnäcks allé 10, 128 33 Skarpnäck (${AED_DESCRIPTION}), kod 4711 och gå sedan till ${address}. Svara JA om du kan gå, NEJ om du inte kan.`,
    );

    // Not understood: the reply words of the language come back.
    expect((await reply(BRITT, 'kanske?')).command_status).toBe(0);
    const britt = await eventually(
      () => messagesTo(BRITT),
      (all) => all.length >= 2,
    );
    expect(britt[1]!.text).toBe('Vi förstod inte ditt svar. Svara JA om du kan gå eller NEJ om du inte kan.');
    // Once per alert: a phone that answers every SMS automatically does not start an exchange.
    await reply(BRITT, 'Jag kör bil, hör av mig senare');

    // A Swedish "ja", however typed, accepts and is confirmed with the address; sent again, it is not confirmed twice.
    expect((await reply(SVEN, ' ja ')).command_status).toBe(0);
    const sven = await eventually(
      () => messagesTo(SVEN),
      (all) => all.length >= 2,
    );
    expect(sven[1]!.text).toBe(`Tack! Du är på väg till ${address}. Avbryt om vi säger till.`);
    const { incident: accepted } = await stack.data(`query ($i: ID!) { incident(id: $i) { alerts { status volunteer { id } } } }`, { i: incident.id }, world.dispatcherToken);
    expect(accepted.alerts.find((alert: any) => alert.volunteer.id === world.volunteers.Sven!.id).status).toBe('ACCEPTED');
    await reply(SVEN, 'JA!');

    // Enough accepted: Erik, sent straight to the patient, is stood down in English (Britt keeps fetching the AED: stand-down.ts).
    expect(
      (
        await eventually(
          () => messagesTo(ERIK),
          (all) => all.length >= 2,
        )
      )[1]!.text,
    ).toBe('Stand down: enough volunteers are on their way. You do not need to go. Thank you!');

    // A Swedish "nej" declines and is thanked; a "ja" after it is told it came too late.
    await reply(BRITT, 'Nej.');
    const declined = await eventually(
      () => messagesTo(BRITT),
      (all) => all.length >= 3,
    );
    expect(declined[2]!.text).toBe('Tack för ditt svar. Du behöver inte gå dit.');
    await reply(BRITT, 'Ja');
    const late = await eventually(
      () => messagesTo(BRITT),
      (all) => all.length >= 4,
    );
    expect(late[3]!.text).toBe('Ditt svar kom för sent: larmet är avslutat eller har redan ditt svar. Du behöver inte gå dit.');

    await pause(300);
    expect(messagesTo(SVEN)).toHaveLength(2);
    expect(messagesTo(BRITT)).toHaveLength(4);
    await cancel(world, incident.id);
  });

  it('sends an alert whose address has a letter outside the GSM alphabet as UCS-2, letter kept', async () => {
    const incident = await report(world, 'Café Forêt, Kärrtorpsvägen 5');
    const alert = await eventually(
      () => messagesTo(SVEN).find((message) => message.text.includes('Forêt')),
      (found) => found !== undefined,
    );
    expect(alert).toEqual({
      to: SVEN,
      text: 'Hjärtstopp! Gå direkt till Café Forêt, Kärrtorpsvägen 5 och starta HLR. Svara JA om du kan gå, NEJ om du inte kan.',
      dataCoding: 8,
      segments: 2,
    });
    await cancel(world, incident.id);
  });
});

describe('a volunteer already busy is not alerted again', () => {
  it('skips those on their way to, or freshly alerted for, an incident 300 m away, and still alerts the full number', async () => {
    const near = [-20, 0, 20].map((east, index) => ({ name: `Near${index}`, north: 150, east }));
    const north = [-20, 0, 20].map((east, index) => ({ name: `North${index}`, north: 600, east }));
    const south = [-20, 0, 20].map((east, index) => ({ name: `South${index}`, north: -400, east }));
    const world = await buildWorld(stack, { patient: { lat: 52.0907, lon: 5.1214 }, volunteers: [...near, ...north, ...south], aeds: [] });
    await setPolicy(world, { maxAlerted: 3, enoughAcceptances: 3 });
    const alerted = (incident: { alerts: { volunteer: { id: string } }[] }) => incident.alerts.map((alert) => world.nameOf(alert.volunteer.id)).sort();

    const a = await report(world, 'Oudegracht 1, Utrecht');
    expect(alerted(a)).toEqual(['Near0', 'Near1', 'Near2']);
    const onTheWay = a.alerts.find((alert) => world.nameOf(alert.volunteer.id) === 'Near0')!;
    await stack.data(`mutation ($id: ID!) { respondToAlert(alertId: $id, response: ACCEPT) { status } }`, { id: onTheWay.id }, world.volunteers.Near0!.token);

    // B is 300 m north: the Near volunteers are its nearest too, but one is on the way to A and two have A's alert unanswered.
    const b = await report(world, 'Oudegracht 300, Utrecht', 300);
    expect(alerted(b)).toEqual(['North0', 'North1', 'North2']);

    // With busyPendingSeconds 0 only an acceptance keeps a volunteer busy: the two who have not answered A are alerted for C.
    await setPolicy(world, { maxAlerted: 3, enoughAcceptances: 3, busyPendingSeconds: 0 });
    const c = await report(world, 'Oudegracht 302, Utrecht', 300);
    expect(alerted(c)).toEqual(expect.arrayContaining(['Near1', 'Near2']));
    expect(alerted(c)).not.toContain('Near0');
    expect(c.alerts).toHaveLength(3);
    for (const incident of [a, b, c]) await cancel(world, incident.id);
  });
});
