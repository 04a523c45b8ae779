/**
 * Outcome statistics through the gateway, over a small hand-made history whose
 * answers are worked out by hand (the same nine incidents as
 * subgraphs/incidents/outcomes/outcomes.spec.ts, now as rows of the incidents'
 * timelines on Oisterwijk's clock), plus two in a neighbouring municipality of
 * the same region. The rows are written straight into the incidents subgraph's
 * tables: the API records answers at the moment they come, and these answers
 * must come at known seconds after the call.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { createApiClient, createOrganisation, square, unique, type Organisation } from './organization-fixture.ts';
import { startTestStack, type TestStack } from './stack.ts';

let stack: TestStack;
let org: Organisation;
let tilburgId: string;
let db: pg.Client;
/** Volunteers 1–36 of Oisterwijk; 1–20 are members of the partner association. */
const volunteers: string[] = Array.from({ length: 36 }, () => randomUUID());
const members = new Set(volunteers.slice(0, 20));
/** The ids of the nine Oisterwijk incidents, in the order below. */
const oisterwijkIds: string[] = [];

/** One hand-made incident: seconds from the call (a accepted, v volunteer on scene, e AED on scene, amb ambulance). */
interface HandMade {
  call: string;
  exclusions?: string[];
  cancelled?: boolean;
  alerted?: number;
  accepted?: number;
  declined?: number;
  stoodDown?: number;
  a?: number;
  v?: number;
  e?: number;
  amb?: number;
}

/** In Oisterwijk (UTC+1 in winter). */
const OISTERWIJK: HandMade[] = [
  // 1: Monday 5 January 00:30 local (hour of the week 0), Sunday in UTC.
  { call: '2026-01-04T23:30:00Z', alerted: 10, accepted: 4, declined: 2, stoodDown: 4, a: 60, v: 240, e: 300, amb: 600 },
  // 2: Thursday 1 January 00:30 local: inside a period starting 1 January, though UTC still says 31 December.
  { call: '2025-12-31T23:30:00Z', alerted: 8, accepted: 2, declined: 1, stoodDown: 5, a: 90, v: 400, amb: 500 },
  { call: '2026-01-10T10:00:00Z', alerted: 6, accepted: 2, declined: 1, stoodDown: 3, a: 120, v: 300, e: 350, amb: 320 },
  { call: '2026-01-15T14:00:00Z', alerted: 5, accepted: 3, declined: 0, stoodDown: 2, a: 30, v: 200, e: 330 },
  { call: '2026-01-20T18:00:00Z', alerted: 6, accepted: 1, declined: 2, stoodDown: 3, a: 150, amb: 700 },
  { call: '2026-01-25T08:00:00Z', cancelled: true, alerted: 4, accepted: 1, declined: 0, stoodDown: 4, a: 45 },
  // 7: 1 February 00:15 local: February, though UTC still says January.
  { call: '2026-01-31T23:15:00Z', exclusions: ['TRAUMA'] },
  { call: '2026-02-10T12:00:00Z', exclusions: ['CHILD_UNDER_8', 'UNSAFE_SCENE'] },
  { call: '2026-02-20T09:00:00Z', alerted: 3, accepted: 2, declined: 0, stoodDown: 1, a: 20, v: 180, e: 250, amb: 400 },
];

const at = (call: string, seconds: number | undefined) => (seconds === undefined ? null : new Date(Date.parse(call) + seconds * 1000).toISOString());

/** Writes the incident and its alerts: who accepted, declined, arrived, was stood down, when. */
async function insert(spec: HandMade, municipalityId: string, alertedVolunteers: string[]): Promise<string> {
  const id = randomUUID();
  const ended = at(spec.call, 3600);
  await db.query(
    `insert into incidents.incident (id, ambulance_service_id, dispatch_reference, security_region_id, municipality_id, latitude, longitude, address,
       call_received_at, exclusions, status, policy_version, policy, dispatched_at, ambulance_arrived_at, outcome, closed_at, cancel_reason, cancelled_at, reported_by)
     values ($1, $2, $3, $4, $5, 51.58, 5.19, 'Kerkstraat 1', $6, $7, $8, 0, '{}', $9, $10, $11, $12, $13, $14, 'test')`,
    [
      id,
      org.serviceId,
      `OUT-${unique()}-${id.slice(0, 8)}`,
      org.regionId,
      municipalityId,
      spec.call,
      spec.exclusions ?? [],
      spec.cancelled ? 'CANCELLED' : 'CLOSED',
      spec.exclusions ? null : at(spec.call, 60),
      at(spec.call, spec.amb),
      spec.cancelled ? null : 'ROSC',
      spec.cancelled ? null : ended,
      spec.cancelled ? 'Not a cardiac arrest' : null,
      spec.cancelled ? ended : null,
    ],
  );
  const accepted = spec.accepted ?? 0;
  const declined = spec.declined ?? 0;
  const pending = alertedVolunteers.length - accepted - declined;
  for (const [index, volunteerId] of alertedVolunteers.entries()) {
    // First the acceptors (the first goes straight to the patient, the second fetches the AED), then the decliners, then the rest.
    const fetcher = index === 1 && spec.e !== undefined;
    const acceptedAt = index < accepted ? at(spec.call, spec.a! + (index === 0 ? 0 : 5)) : null;
    const onSceneAt = index === 0 ? at(spec.call, spec.v) : fetcher ? at(spec.call, spec.e) : null;
    const declinedHere = index >= accepted && index < accepted + declined;
    // Stood down: everyone who had not answered, then (when cancelled) acceptors not on scene.
    const stoodDown = index >= accepted + declined || (index < accepted && !onSceneAt && index >= accepted - ((spec.stoodDown ?? 0) - pending));
    const status = declinedHere ? 'DECLINED' : stoodDown ? 'STOOD_DOWN' : onSceneAt ? 'ON_SCENE' : 'ACCEPTED';
    await db.query(
      `insert into incidents.alert (id, incident_id, volunteer_id, kind, status, task, aed_id, message, municipality_id, association_ids,
         created_at, responded_at, accepted_at, on_scene_at, stood_down_at)
       values ($1, $2, $3, 'INCIDENT', $4, $5, $6, 'Reanimatie', $7, $8, $9, $10, $11, $12, $13)`,
      [
        randomUUID(),
        id,
        volunteerId,
        status,
        fetcher ? 'FETCH_AED' : 'CPR',
        fetcher ? randomUUID() : null,
        municipalityId,
        members.has(volunteerId) ? [org.partnerId] : [],
        at(spec.call, 60),
        acceptedAt ?? (declinedHere ? at(spec.call, 100) : null),
        acceptedAt,
        onSceneAt,
        stoodDown ? at(spec.call, 900) : null,
      ],
    );
  }
  return id;
}

async function tokenFor(role: Role, scope: string) {
  return stack.token({ role, scope });
}

const CELL = `month hourOfWeek withheld
  incidentsReported { value withheld } incidentsExcluded { value withheld } incidentsExcludedByReason { reason count { value withheld } }
  incidentsCancelled { value withheld } volunteersAlerted { value withheld } volunteersAccepted { value withheld }
  volunteersDeclined { value withheld } volunteersStoodDown { value withheld } acceptanceRate { value incidents withheld }
  timeToFirstAcceptance { medianSeconds p90Seconds incidents withheld } timeToFirstVolunteerOnScene { medianSeconds p90Seconds incidents withheld }
  timeToFirstAedOnScene { medianSeconds p90Seconds incidents withheld }
  volunteerBeforeAmbulanceWithinSixMinutes { value incidents withheld } aedBeforeAmbulanceWithinSixMinutes { value incidents withheld }`;

const OUTCOMES = `query ($scope: OutcomeScopeInput!, $from: LocalDate!, $to: LocalDate!) {
  outcomeStatistics(scope: $scope, from: $from, to: $to) {
    scopeKind scopeId from to days smallCellsWithheld
    total { ${CELL} }
    byMonth { ${CELL} }
    byHourOfWeek { hourOfWeek withheld incidentsReported { value withheld } }
    alertsPerVolunteer { withheld volunteers alerts meanPerYear median p90 max distribution { alerts volunteers } }
  }
}`;

const QUARTER = { from: '2026-01-01', to: '2026-03-31' };

const ask = (token: string | undefined, kind: string, id: string, period: { from: string; to: string } = QUARTER) =>
  stack.request(OUTCOMES, { scope: { kind, id }, ...period }, token);

beforeAll(async () => {
  stack = await startTestStack();
  org = await createOrganisation(stack);
  const tilburg = await stack.data(
    `mutation ($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { id } }`,
    { input: { name: 'Tilburg', code: `GM0855-${unique()}`, regionId: org.regionId, boundary: { type: 'Polygon', coordinates: [square(4.9, 51.5, 0.15)] } } },
    org.admin,
  );
  tilburgId = tilburg.createMunicipality.id;
  db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  // Volunteers 1–6 are alerted twice, 7–36 once: 42 alerts, in the order the incidents take them.
  const slots = [...volunteers.slice(0, 6), ...volunteers.slice(6), ...volunteers.slice(0, 6)];
  for (const spec of OISTERWIJK) oisterwijkIds.push(await insert(spec, org.municipalityId, slots.splice(0, spec.alerted ?? 0)));
  // Two incidents in Tilburg, in March: the region's March is small.
  for (const call of ['2026-03-05T10:00:00Z', '2026-03-06T10:00:00Z']) {
    await insert({ call, alerted: 2, accepted: 1, declined: 0, stoodDown: 1, a: 40, v: 200, amb: 500 }, tilburgId, [randomUUID(), randomUUID()]);
  }
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.close();
});

describe('outcome statistics of a municipality, for its policy officer', () => {
  it('gives every figure of the quarter, worked out by hand', async () => {
    const response = await ask(await tokenFor(Role.POLICY_OFFICER, org.municipalityId), 'MUNICIPALITY', org.municipalityId);
    expect(response.errors).toBeUndefined();
    const statistics = response.data.outcomeStatistics;
    expect(statistics).toMatchObject({ scopeKind: 'MUNICIPALITY', scopeId: org.municipalityId, from: '2026-01-01', to: '2026-03-31', days: 90, smallCellsWithheld: false });
    const total = statistics.total;
    expect(total.withheld).toBeNull();
    expect(total.incidentsReported.value).toBe(9);
    expect(total.incidentsExcluded.value).toBe(2);
    expect(total.incidentsExcludedByReason.map((entry: any) => [entry.reason, entry.count.value])).toEqual([
      ['CHILD_UNDER_8', 1],
      ['TRAUMA', 1],
      ['UNSAFE_SCENE', 1],
    ]);
    expect(total.incidentsCancelled.value).toBe(1);
    expect([total.volunteersAlerted.value, total.volunteersAccepted.value, total.volunteersDeclined.value, total.volunteersStoodDown.value]).toEqual([42, 15, 6, 22]);
    expect(total.acceptanceRate.value).toBeCloseTo(15 / 42, 12);
    // 20, 30, 60, 90, 120, 150 s (not the cancelled incident's 45).
    expect(total.timeToFirstAcceptance).toEqual({ medianSeconds: 75, p90Seconds: 135, incidents: 6, withheld: null });
    // 180, 200, 240, 300, 400 s.
    expect(total.timeToFirstVolunteerOnScene.medianSeconds).toBe(240);
    expect(total.timeToFirstVolunteerOnScene.p90Seconds).toBeCloseTo(360, 9);
    // 250, 300, 330, 350 s.
    expect(total.timeToFirstAedOnScene.medianSeconds).toBe(315);
    expect(total.timeToFirstAedOnScene.p90Seconds).toBeCloseTo(344, 9);
    // Ambulance recorded at incidents 1, 2, 3, 5, 9; a volunteer first at 1, 3, 9; an AED first at 1, 9.
    expect(total.volunteerBeforeAmbulanceWithinSixMinutes).toEqual({ value: 0.6, incidents: 5, withheld: null });
    expect(total.aedBeforeAmbulanceWithinSixMinutes).toEqual({ value: 0.4, incidents: 5, withheld: null });
  });

  it('breaks down by month and hour of the week on the municipality’s clock', async () => {
    const { data } = await ask(await tokenFor(Role.POLICY_OFFICER, org.municipalityId), 'MUNICIPALITY', org.municipalityId);
    const months = data.outcomeStatistics.byMonth;
    expect(months.map((cell: any) => [cell.month, cell.incidentsReported.value])).toEqual([
      ['2026-01', 6],
      ['2026-02', 3],
      ['2026-03', 0],
    ]);
    // Coordinators see the small February whole.
    expect(months[1].withheld).toBeNull();
    expect(months[1].timeToFirstAcceptance.medianSeconds).toBe(20);
    const hours = data.outcomeStatistics.byHourOfWeek;
    expect(hours).toHaveLength(168);
    // Monday 00:30 local (incident 1) and Thursday 00:30 local (incident 2).
    expect(hours[0].incidentsReported.value).toBe(1);
    expect(hours[72].incidentsReported.value).toBe(1);
    expect(hours.reduce((sum: number, cell: any) => sum + cell.incidentsReported.value, 0)).toBe(9);
  });

  it('shows the alert burden: 30 volunteers alerted once, 6 twice', async () => {
    const { data } = await ask(await tokenFor(Role.POLICY_OFFICER, org.municipalityId), 'MUNICIPALITY', org.municipalityId);
    const burden = data.outcomeStatistics.alertsPerVolunteer;
    expect(burden).toMatchObject({ withheld: null, volunteers: 36, alerts: 42, median: 1, p90: 2, max: 2 });
    expect(burden.meanPerYear).toBeCloseTo((42 / 36) * (365 / 90), 9);
    expect(burden.distribution).toEqual([
      { alerts: 1, volunteers: 30 },
      { alerts: 2, volunteers: 6 },
    ]);
  });

  it('gives the chair of its working group the same figures', async () => {
    const response = await ask(await tokenFor(Role.CHAIR, org.workingGroupId), 'WORKING_GROUP', org.workingGroupId);
    expect(response.errors).toBeUndefined();
    expect(response.data.outcomeStatistics.smallCellsWithheld).toBe(false);
    expect(response.data.outcomeStatistics.total.incidentsReported.value).toBe(9);
    expect(response.data.outcomeStatistics.total.incidentsCancelled.value).toBe(1);
  });
});

describe('who sees what', () => {
  it('shows a region to a coordinator of one of its municipalities with cells under 5 incidents withheld, not zero', async () => {
    const response = await ask(await tokenFor(Role.POLICY_OFFICER, org.municipalityId), 'SECURITY_REGION', org.regionId);
    expect(response.errors).toBeUndefined();
    const statistics = response.data.outcomeStatistics;
    expect(statistics.smallCellsWithheld).toBe(true);
    expect(statistics.total.incidentsReported.value).toBe(11);
    expect(statistics.total.volunteersAlerted.value).toBe(46);
    expect(statistics.total.incidentsExcluded).toEqual({ value: null, withheld: 'SMALL_CELL' });
    expect(statistics.total.incidentsCancelled).toEqual({ value: null, withheld: 'SMALL_CELL' });
    expect(statistics.total.incidentsExcludedByReason.every((entry: any) => entry.count.value === null)).toBe(true);
    // Four AED arrivals in the region.
    expect(statistics.total.timeToFirstAedOnScene).toEqual({ medianSeconds: null, p90Seconds: null, incidents: null, withheld: 'SMALL_CELL' });
    expect(statistics.byMonth.map((cell: any) => [cell.month, cell.withheld, cell.incidentsReported.value])).toEqual([
      ['2026-01', null, 6],
      ['2026-02', 'SMALL_CELL', null],
      ['2026-03', 'SMALL_CELL', null],
    ]);
    expect(statistics.byMonth[1].timeToFirstAcceptance.medianSeconds).toBeNull();
    // Every hour of the week holds 0 or 1 incident: none is shown but the empty ones.
    expect(statistics.byHourOfWeek.filter((cell: any) => cell.incidentsReported.value !== 0 && cell.incidentsReported.value !== null)).toEqual([]);
    expect(statistics.byHourOfWeek[0]).toEqual({ hourOfWeek: 0, withheld: 'SMALL_CELL', incidentsReported: { value: null, withheld: 'SMALL_CELL' } });
  });

  it('shows a region to a dispatcher of a service serving it, small cells withheld', async () => {
    const response = await ask(await tokenFor(Role.DISPATCHER, org.serviceId), 'SECURITY_REGION', org.regionId);
    expect(response.errors).toBeUndefined();
    expect(response.data.outcomeStatistics.smallCellsWithheld).toBe(true);
    expect(response.data.outcomeStatistics.total.incidentsReported.value).toBe(11);
  });

  it('refuses a policy officer of another municipality, for the municipality and its region', async () => {
    const other = await tokenFor(Role.POLICY_OFFICER, org.otherMunicipalityId);
    for (const [kind, id] of [
      ['MUNICIPALITY', org.municipalityId],
      ['SECURITY_REGION', org.regionId],
      ['WORKING_GROUP', org.workingGroupId],
    ] as const) {
      const response = await ask(other, kind, id);
      expect(response.data).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('gives a partner association its own members’ aggregates only', async () => {
    const partner = await tokenFor(Role.PARTNER, org.partnerId);
    const response = await ask(partner, 'PARTNER_ASSOCIATION', org.partnerId);
    expect(response.errors).toBeUndefined();
    const statistics = response.data.outcomeStatistics;
    expect(statistics.smallCellsWithheld).toBe(true);
    // Incidents 1, 2, 3, 6 and 9 alerted members (volunteers 1–20): 10 + 8 + 2 + 3 + 3 of their alerts.
    expect(statistics.total.incidentsReported.value).toBe(5);
    expect(statistics.total.volunteersAlerted.value).toBe(26);
    expect(statistics.total.incidentsExcluded).toEqual({ value: 0, withheld: null });
    expect(statistics.total.incidentsCancelled).toEqual({ value: null, withheld: 'SMALL_CELL' });
    expect(statistics.alertsPerVolunteer.distribution).toEqual([
      { alerts: 1, volunteers: 14 },
      { alerts: 2, volunteers: 6 },
    ]);
    // Not the municipality it joined, nor its region.
    for (const [kind, id] of [
      ['MUNICIPALITY', org.municipalityId],
      ['SECURITY_REGION', org.regionId],
    ] as const) {
      expect((await ask(partner, kind, id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a partner’s app without the STATISTICS permission, and another partner', async () => {
    const { credential } = await createApiClient(stack, org.admin, org.partnerId, ['ALERTS']);
    expect((await ask(credential, 'PARTNER_ASSOCIATION', org.partnerId)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const statistics = await createApiClient(stack, org.admin, org.partnerId, ['STATISTICS']);
    expect((await ask(statistics.credential, 'PARTNER_ASSOCIATION', org.partnerId)).data.outcomeStatistics.total.incidentsReported.value).toBe(5);
    const stranger = await tokenFor(Role.PARTNER, randomUUID());
    expect((await ask(stranger, 'PARTNER_ASSOCIATION', org.partnerId)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('bad input', () => {
  const codeOf = async (kind: string, id: string, period: { from: string; to: string }, token?: string) => {
    const response = await ask(token ?? (await stack.adminToken()), kind, id, period);
    expect(response.data ?? null).toBeNull();
    return response.errors?.[0]?.extensions;
  };

  it('refuses a reversed period, one reaching past today, and one before the kept history', async () => {
    expect(await codeOf('MUNICIPALITY', org.municipalityId, { from: '2026-03-31', to: '2026-01-01' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(await codeOf('MUNICIPALITY', org.municipalityId, { from: '2026-01-01', to: '2099-12-31' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(await codeOf('MUNICIPALITY', org.municipalityId, { from: '2026-01-01', to: 'soon' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    // The first incident was received on 31 December 2025 (UTC).
    expect(await codeOf('MUNICIPALITY', org.municipalityId, { from: '2025-01-01', to: '2026-03-31' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'from',
      keptSince: '2025-12-31',
    });
  });

  it('answers NOT_FOUND for an unknown scope, UNAUTHENTICATED without a credential', async () => {
    expect((await codeOf('MUNICIPALITY', randomUUID(), QUARTER))?.code).toBe('NOT_FOUND');
    expect((await codeOf('SECURITY_REGION', randomUUID(), QUARTER))?.code).toBe('NOT_FOUND');
    expect((await codeOf('WORKING_GROUP', 'wg-1', QUARTER))?.code).toBe('NOT_FOUND');
    expect((await codeOf('PARTNER_ASSOCIATION', randomUUID(), QUARTER))?.code).toBe('NOT_FOUND');
    const anonymous = await ask(undefined, 'MUNICIPALITY', org.municipalityId);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('CSV export', () => {
  const exportUrl = (name: string, parameters: Record<string, string>) => `${stack.gateway.url.replace(/\/graphql$/, '')}/exports/${name}?${new URLSearchParams(parameters)}`;
  const get = (url: string, token?: string) => fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const parameters = () => ({ kind: 'MUNICIPALITY', id: org.municipalityId, ...QUARTER });
  const rowsOf = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));

  it('gives the policy officer the quarter and its months as CSV with their own credential', async () => {
    const response = await get(exportUrl('outcomes.csv', parameters()), await tokenFor(Role.POLICY_OFFICER, org.municipalityId));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('outcomes-municipality-2026-01-01-2026-03-31.csv');
    const [header, ...rows] = rowsOf(await response.text());
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => [row[column('cell')], row[column('incidents_reported')]])).toEqual([
      ['total', '9'],
      ['2026-01', '6'],
      ['2026-02', '3'],
      ['2026-03', '0'],
    ]);
    expect(rows[0]![column('first_acceptance_median_s')]).toBe('75');
    expect(rows[0]![column('excluded_trauma')]).toBe('1');
    expect(rows[0]![column('excluded_care_facility')]).toBe('0');
    expect(rows[0]![column('volunteer_before_ambulance_6min_share')]).toBe('0.6');
  });

  it('leaves withheld figures empty and says why, for a partner', async () => {
    const response = await get(exportUrl('outcomes.csv', { ...parameters(), kind: 'PARTNER_ASSOCIATION', id: org.partnerId }), await tokenFor(Role.PARTNER, org.partnerId));
    expect(response.status).toBe(200);
    const [header, total] = rowsOf(await response.text());
    expect(total![header!.indexOf('incidents_reported')]).toBe('5');
    expect(total![header!.indexOf('incidents_cancelled')]).toBe('');
    expect(total![header!.indexOf('withheld')]).toContain('incidentsCancelled SMALL_CELL');
  });

  it('gives the alert burden per number of alerts', async () => {
    const response = await get(exportUrl('alert-burden.csv', parameters()), await tokenFor(Role.POLICY_OFFICER, org.municipalityId));
    const [header, ...rows] = rowsOf(await response.text());
    expect(header).toEqual(['scope_kind', 'scope_id', 'from', 'to', 'alerts_in_period', 'volunteers', 'withheld']);
    expect(rows.map((row) => [row[4], row[5]])).toEqual([
      ['1', '30'],
      ['2', '6'],
    ]);
  });

  it('refuses without a credential, with another municipality’s, and for bad input, with the GraphQL codes', async () => {
    const without = await get(exportUrl('outcomes.csv', parameters()));
    expect(without.status).toBe(401);
    expect(((await without.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const forged = await get(exportUrl('outcomes.csv', parameters()), 'not-a-token');
    expect(forged.status).toBe(401);
    const other = await get(exportUrl('outcomes.csv', parameters()), await tokenFor(Role.POLICY_OFFICER, org.otherMunicipalityId));
    expect(other.status).toBe(403);
    expect(((await other.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const officer = await tokenFor(Role.POLICY_OFFICER, org.municipalityId);
    const reversed = await get(exportUrl('outcomes.csv', { ...parameters(), from: '2026-03-31', to: '2026-01-01' }), officer);
    expect(reversed.status).toBe(400);
    expect(((await reversed.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const missing = await get(exportUrl('outcomes.csv', { kind: 'MUNICIPALITY', id: org.municipalityId }), officer);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const unknown = await get(exportUrl('nothing.csv', parameters()), officer);
    expect(unknown.status).toBe(404);
  });

  it('lists the exports', async () => {
    const response = await fetch(`${stack.gateway.url.replace(/\/graphql$/, '')}/exports`);
    const names = ((await response.json()) as any).exports.map((entry: { name: string }) => entry.name);
    expect(names).toEqual(expect.arrayContaining(['outcomes', 'alert-burden']));
  });
});

// Last: it changes the history the tests above work out.
describe('the ambulance arrival recorded after the close', () => {
  const RECORD = `mutation ($i: ID!, $at: DateTimeISO) { recordAmbulanceArrival(incidentId: $i, at: $at) { ambulanceArrivedAt } }`;

  it('is taken from the dispatch centre, and from then on counts in the shares', async () => {
    const dispatcher = await tokenFor(Role.DISPATCHER, org.serviceId);
    const fourth = OISTERWIJK[3]!;
    // Incident 4 was closed an hour after the call without the ambulance's arrival.
    const late = await stack.request(RECORD, { i: oisterwijkIds[3], at: at(fourth.call, 7200) }, dispatcher);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'at' });
    const cancelled = await stack.request(RECORD, { i: oisterwijkIds[5], at: at(OISTERWIJK[5]!.call, 300) }, dispatcher);
    expect(cancelled.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const other = await stack.request(RECORD, { i: oisterwijkIds[3], at: at(fourth.call, 250) }, await tokenFor(Role.POLICY_OFFICER, org.municipalityId));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const recorded = await stack.data(RECORD, { i: oisterwijkIds[3], at: at(fourth.call, 250) }, dispatcher);
    expect(recorded.recordAmbulanceArrival.ambulanceArrivedAt).toBe(at(fourth.call, 250));
    // Its volunteer came at 200 s, before the ambulance at 250 s; its AED at 330 s, after.
    const { data } = await ask(await tokenFor(Role.POLICY_OFFICER, org.municipalityId), 'MUNICIPALITY', org.municipalityId);
    expect(data.outcomeStatistics.total.volunteerBeforeAmbulanceWithinSixMinutes.incidents).toBe(6);
    expect(data.outcomeStatistics.total.volunteerBeforeAmbulanceWithinSixMinutes.value).toBeCloseTo(4 / 6, 12);
    expect(data.outcomeStatistics.total.aedBeforeAmbulanceWithinSixMinutes.value).toBeCloseTo(2 / 6, 12);
  });
});
