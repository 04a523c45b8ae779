/**
 * simulateDispatchPolicy through the gateway: a region's past incident and
 * sampled ones searched with dispatch's own peer queries, figures that can
 * be worked out on this small map, and who may ask.
 *
 * The map (metres from the patient P): Anna W150 (nearest: always CPR),
 * Bram N300 with the AED A1 at N150 on his way (300 m via the AED, no
 * detour). With everyone accepting and the ambulance after an hour, CPR and
 * an AED always arrive before it; with nobody accepting, never.
 *
 * Also the dispatch policy's extension for Region der Lebensretter's rule,
 * `maxEtaSeconds`, in live dispatch on a map of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../common/auth.ts';
import { buildWorld, reportInput, type World } from './incidents-world.ts';
import { startTestStack, type TestStack } from './stack.ts';

let stack: TestStack;
let admin: string;
let world: World;
let elsewhere: World;
let lebensretter: World;

const SIMULATE = `query (
  $region: ID!, $preset: DispatchPolicyPreset, $policy: DispatchPolicyInput, $incidents: SimulationIncidents! = PAST,
  $sampleSize: Int! = 10, $trials: Int! = 20, $acceptance: Float, $ambulance: Int = 3600
) {
  simulateDispatchPolicy(
    securityRegionId: $region, preset: $preset, policy: $policy, incidents: $incidents, sampleSize: $sampleSize,
    trials: $trials, acceptanceProbability: $acceptance, ambulanceMedianSeconds: $ambulance
  ) {
    securityRegion { id } policy source incidents trialsPerIncident seed
    cprBeforeAmbulance cprWithin4Minutes cprWithin6Minutes aedWithin6MinutesBeforeAmbulance aedBeforeAmbulance
    medianSecondsToFirstCpr medianSecondsToFirstAed moreThanFiveArrive alertsPerIncident alertsPerVolunteerPerYear
  }
}`;

async function simulate(variables: Record<string, unknown>, token = world.coordinatorToken) {
  return (await stack.data(SIMULATE, { region: world.regionId, ...variables }, token)).simulateDispatchPolicy;
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = await stack.adminToken();
  world = await buildWorld(stack, {
    patient: { lat: 51.5606, lon: 5.1923 },
    volunteers: [
      { name: 'Anna', north: 0, east: -150 },
      { name: 'Bram', north: 300, east: 0 },
    ],
    aeds: [{ name: 'A1', north: 150, east: 0, cabinetCode: '4711' }],
  });
  elsewhere = await buildWorld(stack, { patient: { lat: 52.09, lon: 5.12 }, volunteers: [], aeds: [] });
  lebensretter = await buildWorld(stack, {
    patient: { lat: 51.44, lon: 5.48 },
    volunteers: [
      { name: 'Cas', north: 0, east: 150 },
      { name: 'Dora', north: -300, east: 0 },
    ],
    aeds: [],
  });
  await stack.data(`mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { id } }`, { input: reportInput(world) }, world.dispatcherToken);
}, 120_000);

afterAll(async () => {
  await stack?.close();
});

describe('simulateDispatchPolicy on the region’s past incident', () => {
  it('brings CPR and the AED before the ambulance every time when everyone accepts (HartslagNu: Bram fetches A1)', async () => {
    const result = await simulate({ preset: 'HARTSLAGNU', acceptance: 1 });
    expect(result).toMatchObject({
      securityRegion: { id: world.regionId },
      policy: 'HartslagNu',
      source: 'PAST',
      incidents: 1,
      trialsPerIncident: 20,
      cprBeforeAmbulance: 1,
      aedBeforeAmbulance: 1,
      moreThanFiveArrive: 0,
      // Both within 1 km are alerted; nobody declines, so nobody replaces anyone.
      alertsPerIncident: 2,
    });
    expect(result.medianSecondsToFirstCpr).toBeLessThan(result.medianSecondsToFirstAed);
    // 2 alerts × 26,000 inhabitants × 67 ÷ 100,000 a year ÷ 2 registered volunteers.
    expect(result.alertsPerVolunteerPerYear).toBeCloseTo((2 * 26_000 * 67) / 100_000 / 2, 6);
  });

  it('brings nothing when nobody accepts, and no AED under a rule that sends nobody for one (GoodSAM)', async () => {
    const nobody = await simulate({ preset: 'HARTSLAGNU', acceptance: 0 });
    expect(nobody).toMatchObject({ cprBeforeAmbulance: 0, aedBeforeAmbulance: 0, medianSecondsToFirstCpr: null, medianSecondsToFirstAed: null });
    const goodSam = await simulate({ preset: 'GOODSAM', acceptance: 1 });
    expect(goodSam).toMatchObject({ policy: 'GoodSAM', cprBeforeAmbulance: 1, aedBeforeAmbulance: 0 });
  });

  it('simulates the region’s own policy by default, and settings under consideration over it', async () => {
    const own = await simulate({ acceptance: 1 });
    expect(own).toMatchObject({ policy: 'Region policy', incidents: 1, cprBeforeAmbulance: 1 });
    const one = await simulate({ policy: { maxAlerted: 1, enoughAcceptances: 1, alertNextOnDecline: false }, acceptance: 1 });
    expect(one).toMatchObject({ policy: 'Region policy (changed)', alertsPerIncident: 1, aedBeforeAmbulance: 0 });
  });

  it('gives the same figures for the same request', async () => {
    const variables = { preset: 'HJERTELOBER', acceptance: 0.5, ambulance: 300 };
    expect(await simulate(variables)).toEqual(await simulate(variables));
  });
});

describe('simulateDispatchPolicy on sampled incidents', () => {
  it('draws the number of incidents asked for in the region’s municipality', async () => {
    const result = await simulate({ incidents: 'SAMPLED', sampleSize: 6, trials: 5, preset: 'PREVIOUS_DEFAULT' }, admin);
    expect(result).toMatchObject({ source: 'SAMPLED', incidents: 6, trialsPerIncident: 5, policy: 'Previous default (5% detour)' });
  });
});

describe('who may simulate', () => {
  it('refuses anyone but ADMIN and the region’s policy officers', async () => {
    const code = async (token?: string) => (await stack.request(SIMULATE, { region: world.regionId }, token)).errors?.[0]?.extensions?.code;
    expect(await code()).toBe('UNAUTHENTICATED');
    expect(await code(world.dispatcherToken)).toBe('FORBIDDEN');
    expect(await code(world.partnerToken)).toBe('FORBIDDEN');
    expect(await code(world.volunteers.Anna!.token)).toBe('FORBIDDEN');
    expect(await code(elsewhere.coordinatorToken)).toBe('FORBIDDEN');
    const chair = await stack.token({ role: Role.CHAIR, scope: world.municipalityId });
    expect(await code(chair)).toBe('FORBIDDEN');
    expect((await stack.request(SIMULATE, { region: world.regionId, trials: 2 }, admin)).errors).toBeUndefined();
    expect((await stack.request(SIMULATE, { region: elsewhere.regionId, trials: 2 }, elsewhere.coordinatorToken)).errors).toBeUndefined();
  });
});

describe('bad input', () => {
  it('is BAD_USER_INPUT, naming the problem', async () => {
    const refused = async (variables: Record<string, unknown>) => (await stack.request(SIMULATE, { region: world.regionId, ...variables }, admin)).errors?.[0];
    expect((await refused({ trials: 0 }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await refused({ sampleSize: 500, trials: 1000 }))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await refused({ acceptance: 1.5 }))?.extensions?.code).toBe('BAD_USER_INPUT');
    const invalid = await refused({ policy: { radiusMeters: 5, maxAlerted: 0 } });
    expect(invalid?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(invalid?.extensions?.violations.map((violation: { field: string }) => violation.field).sort()).toEqual(['maxAlerted', 'radiusMeters']);
    // As every query taking an id: a malformed one names no region.
    expect((await refused({ region: 'not-an-id' }))?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('maxEtaSeconds in live dispatch (Region der Lebensretter: only who arrives in time)', () => {
  it('alerts only the volunteers estimated within the limit, and the policy shows it', async () => {
    // ETAs at 2.3 m/s and detour factor 1.3: Cas 150 m → 85 s, Dora 300 m → 170 s.
    const { setDispatchPolicy } = await stack.data(
      `mutation ($input: SetDispatchPolicyInput!) { setDispatchPolicy(input: $input) { changedSettings dispatch { maxEtaSeconds } } }`,
      { input: { securityRegionId: lebensretter.regionId, dispatch: { maxEtaSeconds: 120 } } },
      admin,
    );
    expect(setDispatchPolicy).toEqual({ changedSettings: ['maxEtaSeconds'], dispatch: { maxEtaSeconds: 120 } });
    const { reportIncident } = await stack.data(
      `mutation ($input: ReportIncidentInput!) { reportIncident(input: $input) { alerts { etaSeconds volunteer { id } } } }`,
      { input: reportInput(lebensretter) },
      lebensretter.dispatcherToken,
    );
    expect(reportIncident.alerts.map((alert: { volunteer: { id: string } }) => lebensretter.nameOf(alert.volunteer.id))).toEqual(['Cas']);
    expect(reportIncident.alerts[0].etaSeconds).toBe(85);
  });

  it('refuses a limit in minutes or below zero, writing nothing', async () => {
    const refused = await stack.request(
      `mutation ($input: SetDispatchPolicyInput!) { setDispatchPolicy(input: $input) { version } }`,
      { input: { securityRegionId: lebensretter.regionId, dispatch: { maxEtaSeconds: -8 } } },
      admin,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.violations.map((violation: { field: string }) => violation.field)).toEqual(['maxEtaSeconds']);
    const { dispatchPolicy } = await stack.data(`query ($r: ID!) { dispatchPolicy(securityRegionId: $r) { version dispatch { maxEtaSeconds } } }`, {
      r: lebensretter.regionId,
    });
    expect(dispatchPolicy).toEqual({ version: 1, dispatch: { maxEtaSeconds: 120 } });
  });
});
