/**
 * The simulator on hand-made scenes whose figures can be worked out on paper.
 * Spreads are set to 0 where a case needs exact times: every volunteer then
 * reacts after 60 s and walks 2 m/s, the alert goes out 60 s after the call,
 * routes are 1.3 × the straight line, the AED takes 60 s to get out of its
 * cabinet, and the ambulance comes after 540 s.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCH_POLICY, resolveDispatchPolicy, type DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { offsetMeters, type LatLon } from '../../../common/earth.ts';
import type { AlertCandidate, DispatchableAed, Task } from '../dispatch/selection.ts';
import { simulationParameters, type SimulationParameters } from './parameters.ts';
import { POLICY_PRESETS, simulatedPolicyOf } from './policies.ts';
import { sceneSearchOf, settingOf, type Scene } from './scene.ts';
import { reportOf, simulateScenes } from './simulate.ts';
import { prepareScene, runTrial } from './trial.ts';
import { Random } from '../../../common/random.ts';

const patient: LatLon = { lat: 52.0907, lon: 5.1214 };
const volunteer = (volunteerId: string, north: number, east = 0): AlertCandidate => ({
  volunteerId,
  ...offsetMeters(patient, north, east),
  distanceMeters: Math.hypot(north, east),
  positionKind: 'HOME',
});
const aed = (aedId: string, north: number, east = 0): DispatchableAed => ({ aedId, ...offsetMeters(patient, north, east) });
const scene = (candidates: AlertCandidate[], aeds: DispatchableAed[] = [], key = 'scene'): Scene => ({
  key,
  securityRegionId: 'region',
  patient,
  candidates,
  aeds,
  setting: 'URBAN',
});
/** Exact times: no spread anywhere, 2 m/s in town and country. */
const exact = (overrides: Partial<SimulationParameters> = {}) =>
  simulationParameters({
    reactionSigma: 0,
    speedSigma: 0,
    aedRetrievalSigma: 0,
    ambulanceSigma: 0,
    speedMedianMetersPerSecond: { URBAN: 2, RURAL: 2 },
    ...overrides,
  });
const rule = (overrides: Partial<DispatchPolicy>, acceptanceTasks: Task[] = []) => simulatedPolicyOf('test', resolveDispatchPolicy(overrides), acceptanceTasks);

describe('one volunteer 200 m away who always accepts', () => {
  // Arrives 60 (alert) + 60 (reaction) + 200 × 1.3 ÷ 2 = 130 (walk) = 250 s after the call.
  const tally = simulateScenes([scene([volunteer('v1', 200)])], rule({}), exact({ acceptanceProbability: 1 }), { trials: 10, seed: 1 });
  const report = reportOf(rule({}), tally, exact());

  it('starts CPR at 250 s: after four minutes, within six, before the ambulance at 540 s', () => {
    expect(report.medianSecondsToFirstCpr).toBe(250);
    expect(report.cprWithin4Minutes).toBe(0);
    expect(report.cprWithin6Minutes).toBe(1);
    expect(report.cprBeforeAmbulance).toBe(1);
  });

  it('brings no AED (there is none), crowds nothing, and costs one alert per incident', () => {
    expect(report.aedWithin6MinutesBeforeAmbulance).toBe(0);
    expect(report.medianSecondsToFirstAed).toBeNull();
    expect(report.moreThanFiveArrive).toBe(0);
    expect(report.alertsPerIncident).toBe(1);
  });

  it('is later than the ambulance when the region’s ambulance comes after 4 minutes', () => {
    const early = exact({ acceptanceProbability: 1, ambulanceMedianSecondsByRegion: { region: 240 } });
    const late = reportOf(rule({}), simulateScenes([scene([volunteer('v1', 200)])], rule({}), early, { trials: 10, seed: 1 }), early);
    expect(late.cprBeforeAmbulance).toBe(0);
  });
});

describe('an AED on the way', () => {
  // v1 at 100 m does CPR: 60 + 60 + 65 = 185 s. v2 at 200 m north fetches the AED 100 m north, on its way:
  // 60 + 60 + 200 × 1.3 ÷ 2 + 60 (cabinet) = 310 s ≤ 360 s.
  const map = scene([volunteer('v1', -100), volunteer('v2', 200)], [aed('A1', 100)]);
  const parameters = exact({ acceptanceProbability: 1 });

  it('arrives at 310 s, within six minutes and before the ambulance; CPR at 185 s', () => {
    const report = reportOf(rule({}), simulateScenes([map], rule({}), parameters, { trials: 5, seed: 1 }), parameters);
    expect(report.medianSecondsToFirstAed).toBe(310);
    expect(report.aedWithin6MinutesBeforeAmbulance).toBe(1);
    expect(report.medianSecondsToFirstCpr).toBe(185);
  });

  it('comes at acceptance under a rule that gives tasks then, to the first acceptor the AED', () => {
    // Both accept at 120 s; v1 (ranked first, first in the answers at equal times) fetches: 100 m out and 200 m back
    // would be 300 m > 2 × 100 m, so no AED passes its detour test and v1 does CPR; v2 then fetches.
    const atAcceptance = rule({ aedShare: 0, aedDetourTolerance: 1 }, ['FETCH_AED', 'FETCH_AED']);
    const report = reportOf(atAcceptance, simulateScenes([map], atAcceptance, parameters, { trials: 5, seed: 1 }), parameters);
    expect(report.medianSecondsToFirstAed).toBe(310);
    expect(report.medianSecondsToFirstCpr).toBe(185);
  });
});

describe('chance', () => {
  const trials = 4000;
  // Standard error of 0.75 over 4000 trials: √(0.75 × 0.25 ÷ 4000) = 0.007; the tolerance is four of them.
  const TOLERANCE = 0.03;

  it('two volunteers who each accept half the time: someone comes in 1 − 0.5² = 75%', () => {
    const parameters = exact({ acceptanceProbability: 0.5 });
    const both = rule({ alertNextOnDecline: false });
    const report = reportOf(both, simulateScenes([scene([volunteer('v1', 100), volunteer('v2', 150)])], both, parameters, { trials, seed: 7 }), parameters);
    expect(report.cprBeforeAmbulance).toBeGreaterThan(0.75 - TOLERANCE);
    expect(report.cprBeforeAmbulance).toBeLessThan(0.75 + TOLERANCE);
    expect(report.alertsPerIncident).toBe(2);
  });

  it('one alerted at a time, the next on every decline (GoodSAM): also 75%, with 1.5 alerts per incident', () => {
    const parameters = exact({ acceptanceProbability: 0.5, explicitDeclineShare: 1 });
    const oneByOne = rule({ maxAlerted: 1, enoughAcceptances: 1, aedShare: 0, alertNextOnDecline: true });
    const report = reportOf(oneByOne, simulateScenes([scene([volunteer('v1', 100), volunteer('v2', 150)])], oneByOne, parameters, { trials, seed: 7 }), parameters);
    expect(report.cprBeforeAmbulance).toBeGreaterThan(0.75 - TOLERANCE);
    expect(report.cprBeforeAmbulance).toBeLessThan(0.75 + TOLERANCE);
    // The second is alerted exactly when the first declines: half the time.
    expect(report.alertsPerIncident).toBeGreaterThan(1.5 - TOLERANCE);
    expect(report.alertsPerIncident).toBeLessThan(1.5 + TOLERANCE);
  });

  it('a silent volunteer (no explicit decline) alerts nobody next', () => {
    const parameters = exact({ acceptanceProbability: 0, explicitDeclineShare: 0 });
    const oneByOne = rule({ maxAlerted: 1, enoughAcceptances: 1, aedShare: 0, alertNextOnDecline: true });
    const report = reportOf(oneByOne, simulateScenes([scene([volunteer('v1', 100), volunteer('v2', 150)])], oneByOne, parameters, { trials: 50, seed: 7 }), parameters);
    expect(report.alertsPerIncident).toBe(1);
    expect(report.cprBeforeAmbulance).toBe(0);
  });

  it('stands the rest down once enough accept: 8 who all accept, enough at 2, so 2 arrive', () => {
    // Reactions spread, so answers come one after another; after the second acceptance the other six are stood down.
    const parameters = exact({ acceptanceProbability: 1, reactionSigma: 0.5 });
    const eight = scene(Array.from({ length: 8 }, (_, index) => volunteer(`v${index}`, 50 + index * 10)));
    const two = rule({ enoughAcceptances: 2, aedShare: 0 });
    const tally = simulateScenes([eight], two, parameters, { trials: 100, seed: 3 });
    expect(reportOf(two, tally, parameters).moreThanFiveArrive).toBe(0);
    const all = rule({ enoughAcceptances: 8, aedShare: 0 });
    expect(reportOf(all, simulateScenes([eight], all, parameters, { trials: 100, seed: 3 }), parameters).moreThanFiveArrive).toBe(1);
  });
});

describe('seeds and burden', () => {
  const map = scene(
    Array.from({ length: 12 }, (_, index) => volunteer(`v${index}`, 80 * (index + 1))),
    [aed('A1', 150), aed('A2', -300)],
  );
  const parameters = simulationParameters();
  const preset = POLICY_PRESETS.HARTSLAGNU;

  it('gives the same figures for the same seed, and others for another', () => {
    const first = simulateScenes([map], preset, parameters, { trials: 200, seed: 11 });
    expect(simulateScenes([map], preset, parameters, { trials: 200, seed: 11 })).toEqual(first);
    expect(simulateScenes([map], preset, parameters, { trials: 200, seed: 12 })).not.toEqual(first);
  });

  it('counts alerts per volunteer per year from the population: alerts per incident × 67 per 100,000 a year ÷ volunteers', () => {
    const report = reportOf(preset, simulateScenes([map], preset, parameters, { trials: 20, seed: 1 }), parameters, { population: 1_000_000, volunteers: 10_000 });
    // 12 alerted (HartslagNu alerts everyone within 1 km, no replacements); 670 incidents a year.
    expect(report.alertsPerIncident).toBe(12);
    expect(report.alertsPerVolunteerPerYear).toBeCloseTo((12 * 670) / 10_000, 9);
  });
});

describe('scenes', () => {
  it('are searched once for every policy: the widest radius, enough volunteers for next-on-decline and the setting', () => {
    const search = sceneSearchOf(Object.values(POLICY_PRESETS), simulationParameters());
    expect(search.radiusMeters).toBe(5000);
    // Today's default alerts 30 and the next on decline: 90.
    expect(search.candidateLimit).toBe(90);
    expect(search.aedSearchRadiusMeters).toBe(1500);
  });

  it('are urban from 10 volunteers per km² within 1 km (32 volunteers), rural below', () => {
    const many = Array.from({ length: 32 }, (_, index) => volunteer(`v${index}`, 20 * index));
    expect(settingOf(patient, many, simulationParameters())).toBe('URBAN');
    expect(settingOf(patient, many.slice(1), simulationParameters())).toBe('RURAL');
  });
});

describe('remembering the rules’ answers across trials', () => {
  // A busy street: 40 volunteers and 8 AEDs scattered within 1 km.
  const random = new Random(5);
  const spot = () => [random.between(-900, 900), random.between(-900, 900)] as const;
  const busy = scene(
    Array.from({ length: 40 }, (_, index) => volunteer(`v${String(index).padStart(2, '0')}`, ...spot())),
    Array.from({ length: 8 }, (_, index) => aed(`A${index}`, ...spot())),
  );

  it.each(['PREVIOUS_DEFAULT', 'HJERTELOBER', 'GOODSAM', 'LEBENSRETTER', 'SIMULATED_DEFAULT'] as const)(
    'changes no outcome under %s (the memo keys hold everything nextToAlert and taskAtAcceptance read)',
    (name) => {
      const parameters = simulationParameters();
      const remembering = prepareScene(busy, POLICY_PRESETS[name], parameters, 9);
      const afresh = prepareScene(busy, POLICY_PRESETS[name], parameters, 9);
      for (let trial = 0; trial < 300; trial++) expect(runTrial(remembering, trial, parameters)).toEqual(runTrial(afresh, trial, parameters, false));
      const { dispatch, acceptanceTasks } = POLICY_PRESETS[name];
      // Only rules that alert replacements or give tasks at acceptance ask anything during a trial.
      expect(remembering.memo.size > 0).toBe(dispatch.alertNextOnDecline || acceptanceTasks.length > 0);
    },
  );
});

describe('the two default presets', () => {
  it('simulate the default itself (SIMULATED_DEFAULT) and the previous default spelt out (PREVIOUS_DEFAULT), as the comparison table was measured', () => {
    expect(POLICY_PRESETS.SIMULATED_DEFAULT.dispatch).toEqual(DEFAULT_DISPATCH_POLICY);
    expect(POLICY_PRESETS.SIMULATED_DEFAULT.dispatch).toMatchObject({ aedDetourTolerance: 1, maxFetchersPerAed: 3, alertNextOnDecline: false });
    expect(POLICY_PRESETS.PREVIOUS_DEFAULT.dispatch).toEqual({ ...DEFAULT_DISPATCH_POLICY, aedDetourTolerance: 0.05, maxFetchersPerAed: 1, alertNextOnDecline: true });
    expect(POLICY_PRESETS.PREVIOUS_DEFAULT.name).toBe('Previous default (5% detour)');
  });
});
