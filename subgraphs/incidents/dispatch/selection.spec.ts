/**
 * Selection on small hand-made maps. Positions are given in metres north and
 * east of the patient, so every expected distance is Pythagoras and every ETA
 * is metres × 1.3 ÷ 2.3 (default detour factor and speed), worked out in the
 * comments next to each expectation.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCH_POLICY, PREVIOUS_DEFAULT_OVERRIDES, resolveDispatchPolicy, type DispatchPolicy } from './dispatch-policy.ts';
import { offsetMeters, type LatLon } from '../../../common/earth.ts';
import { nextToAlert, rankCandidates, selectAlerts, taskAtAcceptance, type AlertCandidate, type DispatchableAed, type PlannedAlert, type SentAlert } from './selection.ts';
import type { PositionKind } from '../../../common/position-kind.ts';

const patient: LatLon = { lat: 51.5606, lon: 5.1923 };
const at = (north: number, east: number) => offsetMeters(patient, north, east);
const volunteer = (volunteerId: string, north: number, east: number, positionKind: PositionKind = 'HOME'): AlertCandidate => ({
  volunteerId,
  ...at(north, east),
  distanceMeters: Math.hypot(north, east),
  positionKind,
});
const aed = (aedId: string, north: number, east: number): DispatchableAed => ({ aedId, ...at(north, east) });
/*
 * These maps were worked out for the previous default (5% detour, one carrier
 * per AED, next on decline), whose rules they pin; they choose it explicitly,
 * since the default is now the simulator's (docs/dispatch-simulation.md).
 * `policy()` lays a case's settings over that rule.
 */
const PREVIOUS_DEFAULT = resolveDispatchPolicy(PREVIOUS_DEFAULT_OVERRIDES);
const policy = (overrides: Partial<DispatchPolicy> = {}) => resolveDispatchPolicy({ ...PREVIOUS_DEFAULT_OVERRIDES, ...overrides });
const tasks = (alerts: readonly PlannedAlert[]) => Object.fromEntries(alerts.map((alert) => [alert.volunteerId, alert.task === 'FETCH_AED' ? alert.aedId : 'CPR']));

/*
 * The main map (N = north, E = east, W = west, S = south of the patient P):
 *
 *   v5 ---------------- v1 - P ------ A2 ------ v3        A1: N150, on v2's way
 *   W800                W100   |     E200      E400        A2: E200, on v3's way
 *                              A1 N150, v2 N300            A3: S550, on v4's way but beyond the 500 m AED circle
 *                              A3 S550, v4 S600
 */
const v1 = volunteer('v1', 0, -100);
const v2 = volunteer('v2', 300, 0);
const v3 = volunteer('v3', 0, 400);
const v4 = volunteer('v4', -600, 0);
const v5 = volunteer('v5', 0, -800);
const a1 = aed('A1', 150, 0);
const a2 = aed('A2', 0, 200);
const a3 = aed('A3', -550, 0);
const mainMap = { patient, candidates: [v5, v3, v1, v4, v2], aeds: [a3, a2, a1] };

describe('selectAlerts on the main map', () => {
  const plan = selectAlerts({ ...mainMap, policy: PREVIOUS_DEFAULT });

  it('alerts everyone within 1000 m, nearest first, ranked 1..5', () => {
    expect(plan.alerts.map((alert) => [alert.volunteerId, alert.rank])).toEqual([
      ['v1', 1],
      ['v2', 2],
      ['v3', 3],
      ['v4', 4],
      ['v5', 5],
    ]);
  });

  it('sends v2 via A1 and v3 via A2 (both AEDs lie on their way); the nearest, v4 (A3 too far out) and v5 do CPR', () => {
    // Quota ⌊2/3 × 5⌋ = 3, but only two pairs pass the detour test:
    // v2: 150 + 150 = 300 ≤ 1.05 × 300;  v3: 200 + 200 = 400 ≤ 1.05 × 400.
    // v5 via A1: √(800² + 150²) + 150 = 963.9 > 840;  v4 via A3 would be 600, but A3 is 550 m out.
    expect(tasks(plan.alerts)).toEqual({ v1: 'CPR', v2: 'A1', v3: 'A2', v4: 'CPR', v5: 'CPR' });
  });

  it('gives distances, legs and ETAs (metres × 1.3 ÷ 2.3)', () => {
    const [first, second, third, fourth, fifth] = plan.alerts;
    expect(first).toMatchObject({ task: 'CPR', distanceMeters: 100, directDistanceMeters: 100, etaSeconds: 57 }); // 56.52
    expect(second).toMatchObject({ task: 'FETCH_AED', aedId: 'A1', distanceMeters: 300, etaSeconds: 170 }); // 169.57
    expect(second!.route.map((leg) => leg.meters)).toEqual([150, 150]);
    expect(second!.route[0]!.to.lat).toBeCloseTo(a1.lat, 9);
    expect(second!.route[1]!.to).toEqual(patient);
    expect(third).toMatchObject({ task: 'FETCH_AED', aedId: 'A2', distanceMeters: 400, etaSeconds: 226 }); // 226.09
    expect(fourth).toMatchObject({ task: 'CPR', distanceMeters: 600, etaSeconds: 339 }); // 339.13
    expect(fifth).toMatchObject({ task: 'CPR', distanceMeters: 800, etaSeconds: 452 }); // 452.17
    expect(first!.route).toHaveLength(1);
    expect(plan.firstArrivalEtaSeconds).toBe(57);
    expect(plan.firstAedEtaSeconds).toBe(170);
  });

  it('is deterministic: input order does not matter', () => {
    const shuffled = selectAlerts({
      patient,
      candidates: [v2, v4, v1, v5, v3],
      aeds: [a1, a3, a2],
      policy: PREVIOUS_DEFAULT,
    });
    expect(shuffled).toEqual(plan);
  });
});

describe('selectAlerts rules', () => {
  it('caps at maxAlerted, nearest first', () => {
    const plan = selectAlerts({ ...mainMap, policy: policy({ maxAlerted: 3, enoughAcceptances: 2 }) });
    // ⌊2/3 × 3⌋ = 2 fetchers: v2 and v3 still fit.
    expect(tasks(plan.alerts)).toEqual({ v1: 'CPR', v2: 'A1', v3: 'A2' });
  });

  it('leaves out volunteers beyond the radius and keeps those exactly on it', () => {
    const plan = selectAlerts({
      patient,
      candidates: [v1, volunteer('edge', 1000, 0), volunteer('far', 0, 1200)],
      aeds: [],
      policy: PREVIOUS_DEFAULT,
    });
    expect(plan.alerts.map((alert) => alert.volunteerId)).toEqual(['v1', 'edge']);
  });

  it('sends everyone to CPR when no AED is dispatchable', () => {
    const plan = selectAlerts({ ...mainMap, aeds: [], policy: PREVIOUS_DEFAULT });
    expect(plan.alerts.every((alert) => alert.task === 'CPR')).toBe(true);
    expect(plan.firstAedEtaSeconds).toBeNull();
  });

  it('sends everyone to CPR when the region fetches no AEDs (aedShare 0)', () => {
    const plan = selectAlerts({ ...mainMap, policy: policy({ aedShare: 0 }) });
    expect(plan.alerts.every((alert) => alert.task === 'CPR')).toBe(true);
  });

  it('never sends the nearest volunteer for an AED, even with it right on their way', () => {
    const plan = selectAlerts({ patient, candidates: [v2], aeds: [a1], policy: policy({ aedShare: 1 }) });
    expect(tasks(plan.alerts)).toEqual({ v2: 'CPR' });
  });

  it('lets an AED be fetched by one volunteer only: the shorter route wins, the other does CPR', () => {
    // v6 at N450 also has A1 on its way (300 + 150 = 450), but v2's route (300) is shorter.
    const v6 = volunteer('v6', 450, 0);
    const plan = selectAlerts({ patient, candidates: [v1, v2, v6], aeds: [a1], policy: PREVIOUS_DEFAULT });
    expect(tasks(plan.alerts)).toEqual({ v1: 'CPR', v2: 'A1', v6: 'CPR' });

    const twoPerAed = selectAlerts({
      patient,
      candidates: [v1, v2, v6],
      aeds: [a1],
      policy: policy({ maxFetchersPerAed: 2 }),
    });
    expect(tasks(twoPerAed.alerts)).toEqual({ v1: 'CPR', v2: 'A1', v6: 'A1' });
  });

  it('respects the fetcher quota ⌊aedShare × alerted⌋', () => {
    // 3 alerted, aedShare 0.5: ⌊1.5⌋ = 1 fetcher although v2 and v3 both have an AED on their way.
    const plan = selectAlerts({ patient, candidates: [v1, v2, v3], aeds: [a1, a2], policy: policy({ aedShare: 0.5 }) });
    expect(tasks(plan.alerts)).toEqual({ v1: 'CPR', v2: 'A1', v3: 'CPR' });
  });

  it('brings two AEDs where a greedy choice would bring one', () => {
    // A1 at N150; A4 at N150 E40 (√(150² + 40²) = 155.24 m from P).
    // vx at N300: via A1 = 300.00, via A4 = 2 × 155.24 = 310.48 (≤ 315, passes).
    // vy at N400 W80 (direct 407.92, limit 428.32): via A1 = √(250² + 80²) + 150 = 412.49 (passes),
    //   via A4 = √(250² + 120²) + 155.24 = 432.55 (fails).
    // Greedy takes the shortest pair vx–A1 and leaves vy nothing; the optimum sends vx to A4 and vy to A1.
    const vx = volunteer('vx', 300, 0);
    const vy = volunteer('vy', 400, -80);
    const a4 = aed('A4', 150, 40);
    const plan = selectAlerts({ patient, candidates: [v1, vx, vy], aeds: [a1, a4], policy: PREVIOUS_DEFAULT });
    expect(tasks(plan.alerts)).toEqual({ v1: 'CPR', vx: 'A4', vy: 'A1' });
    const byId = Object.fromEntries(plan.alerts.map((alert) => [alert.volunteerId, alert]));
    expect(byId.vx).toMatchObject({ distanceMeters: 310, etaSeconds: 175 }); // 310.48 × 1.3 ÷ 2.3 = 175.49
    expect(byId.vy).toMatchObject({ distanceMeters: 412, etaSeconds: 233 }); // 412.49 × 1.3 ÷ 2.3 = 233.15
    expect(plan.firstAedEtaSeconds).toBe(175);
  });

  it('applies the detour tolerance exactly: 5% passes, a little more does not', () => {
    // v5 at W800 may walk at most 840 m via an AED.
    // AED at N120 W400: 2 × √(400² + 120²) = 835.23 → fetch.  AED at N135 W400: 2 × √(400² + 135²) = 844.33 → CPR.
    const inside = aed('inside', 120, -400);
    const outside = aed('outside', 135, -400);
    const fetches = selectAlerts({ patient, candidates: [v1, v5], aeds: [inside], policy: PREVIOUS_DEFAULT });
    expect(fetches.alerts[1]).toMatchObject({ task: 'FETCH_AED', aedId: 'inside', distanceMeters: 835, etaSeconds: 472 });
    expect(fetches.alerts[1]!.route.map((leg) => leg.meters)).toEqual([418, 418]);

    const goesDirect = selectAlerts({ patient, candidates: [v1, v5], aeds: [outside], policy: PREVIOUS_DEFAULT });
    expect(tasks(goesDirect.alerts)).toEqual({ v1: 'CPR', v5: 'CPR' });

    const tolerant = selectAlerts({ patient, candidates: [v1, v5], aeds: [outside], policy: policy({ aedDetourTolerance: 0.1 }) });
    expect(tasks(tolerant.alerts)).toEqual({ v1: 'CPR', v5: 'outside' });
  });

  it('breaks exact ties by volunteer id, in ranking and in who fetches', () => {
    // Mirror images across the north–south line: same distance √(300² + 100²) = 316.23 and the same
    // route via A1 at N150: √(150² + 100²) + 150 = 330.28 ≤ 332.04. One AED, one carrier: the later id fetches.
    const east = volunteer('vol-a', 300, 100);
    const west = volunteer('vol-b', 300, -100);
    const expected = { v1: 'CPR', 'vol-a': 'CPR', 'vol-b': 'A1' };
    for (const candidates of [
      [v1, east, west],
      [west, east, v1],
    ]) {
      const plan = selectAlerts({ patient, candidates, aeds: [a1], policy: PREVIOUS_DEFAULT });
      expect(plan.alerts.map((alert) => alert.volunteerId)).toEqual(['v1', 'vol-a', 'vol-b']);
      expect(tasks(plan.alerts)).toEqual(expected);
    }
  });

  it('alerts a volunteer once, at their nearest position, and skips unusable records', () => {
    const plan = selectAlerts({
      patient,
      candidates: [
        volunteer('v7', 700, 0, 'HOME'),
        volunteer('v7', 200, 0, 'WORK'),
        { ...volunteer('broken', 10, 0), distanceMeters: Number.NaN },
        { ...volunteer('', 20, 0) },
        { ...volunteer('nowhere', 30, 0), lat: 123 },
      ],
      aeds: [{ aedId: 'bad', lat: Number.NaN, lon: 0 }],
      policy: PREVIOUS_DEFAULT,
    });
    expect(plan.alerts).toHaveLength(1);
    expect(plan.alerts[0]).toMatchObject({ volunteerId: 'v7', positionKind: 'WORK', distanceMeters: 200 });
  });

  it('plans nothing when nobody is near, and refuses an unusable patient position', () => {
    expect(selectAlerts({ patient, candidates: [], aeds: [a1], policy: PREVIOUS_DEFAULT })).toEqual({
      alerts: [],
      firstArrivalEtaSeconds: null,
      firstAedEtaSeconds: null,
    });
    expect(() => selectAlerts({ patient: { lat: Number.NaN, lon: 5 }, candidates: [v1], aeds: [], policy: PREVIOUS_DEFAULT })).toThrow(/patient's position/);
  });

  it('rankCandidates orders equal distances by id', () => {
    const ranked = rankCandidates([volunteer('b', 0, 300), volunteer('a', 300, 0), volunteer('c', 0, 100)], PREVIOUS_DEFAULT);
    expect(ranked.map((candidate) => candidate.volunteerId)).toEqual(['c', 'a', 'b']);
  });
});

describe('nextToAlert after a decline', () => {
  // Three alerted at most; v6 at N450 (rank 4) waits in reserve and also has A1 on its way (300 + 150 = 450).
  const v6 = volunteer('v6', 450, 0);
  const input = { patient, candidates: [v1, v2, v3, v6, v5], aeds: [a1, a2], policy: policy({ maxAlerted: 3, enoughAcceptances: 2 }) };
  const initial = selectAlerts(input);
  const sent = (responses: Record<string, SentAlert['response']>): SentAlert[] =>
    initial.alerts.map((alert) => ({
      volunteerId: alert.volunteerId,
      task: alert.task,
      aedId: alert.task === 'FETCH_AED' ? alert.aedId : null,
      response: responses[alert.volunteerId] ?? 'PENDING',
    }));

  it('starts from v1 CPR, v2 via A1, v3 via A2', () => {
    expect(tasks(initial.alerts)).toEqual({ v1: 'CPR', v2: 'A1', v3: 'A2' });
  });

  it('hands the AED of a declining fetcher to the next nearest when it is on their way', () => {
    const next = nextToAlert(input, sent({ v2: 'DECLINED' }));
    // 450 × 1.3 ÷ 2.3 = 254.35
    expect(next).toMatchObject({ volunteerId: 'v6', rank: 4, task: 'FETCH_AED', aedId: 'A1', distanceMeters: 450, etaSeconds: 254 });
  });

  it('replaces a declining CPR volunteer by CPR when the fetcher quota is full', () => {
    // Active after the decline: v2 and v3 fetch; with the newcomer ⌊2/3 × 3⌋ = 2 fetchers already.
    const next = nextToAlert(input, sent({ v1: 'DECLINED' }));
    expect(next).toMatchObject({ volunteerId: 'v6', task: 'CPR', etaSeconds: 254 });
  });

  it('never alerts anyone twice and walks down the ranking', () => {
    const afterFirst = [...sent({ v2: 'DECLINED' }), { volunteerId: 'v6', task: 'FETCH_AED' as const, aedId: 'A1', response: 'DECLINED' as const }];
    // v5 at W800: A1 is not on its way (963.9 > 840), so CPR.
    expect(nextToAlert(input, afterFirst)).toMatchObject({ volunteerId: 'v5', rank: 5, task: 'CPR' });
    const everyone = [...afterFirst, { volunteerId: 'v5', task: 'CPR' as const, response: 'DECLINED' as const }];
    expect(nextToAlert(input, everyone)).toBeNull();
  });

  it('alerts nobody when the policy says so, when enough accepted, or when nobody declined', () => {
    expect(nextToAlert({ ...input, policy: { ...input.policy, alertNextOnDecline: false } }, sent({ v2: 'DECLINED' }))).toBeNull();
    expect(nextToAlert(input, sent({ v1: 'ACCEPTED', v3: 'ACCEPTED', v2: 'DECLINED' }))).toBeNull();
    expect(nextToAlert(input, sent({}))).toBeNull();
  });

  it('treats a stood-down volunteer as no longer active but still never re-alerts them', () => {
    const next = nextToAlert(input, sent({ v1: 'STOOD_DOWN' }));
    expect(next?.volunteerId).toBe('v6');
  });
});

describe('maxEtaSeconds: only those who would arrive in time (Region der Lebensretter)', () => {
  // ETAs: v1 100 m → 57 s, v2 300 m → 170 s, v3 400 m → 226 s, v4 600 m → 339 s, v5 800 m → 452 s.
  const limited = policy({ maxEtaSeconds: 300 });

  it('leaves out everyone estimated slower than the limit, however many places are left', () => {
    const plan = selectAlerts({ ...mainMap, policy: limited });
    expect(plan.alerts.map((alert) => alert.volunteerId)).toEqual(['v1', 'v2', 'v3']);
  });

  it('counts a volunteer exactly on the limit as in time', () => {
    // v3's ETA rounds to 226 s.
    expect(rankCandidates(mainMap.candidates, policy({ maxEtaSeconds: 226 })).map((candidate) => candidate.volunteerId)).toEqual(['v1', 'v2', 'v3']);
    expect(rankCandidates(mainMap.candidates, policy({ maxEtaSeconds: 225 })).map((candidate) => candidate.volunteerId)).toEqual(['v1', 'v2']);
  });

  it('alerts nobody too slow after a decline either', () => {
    const input = { ...mainMap, policy: policy({ maxEtaSeconds: 300, maxAlerted: 3, enoughAcceptances: 3 }) };
    const sent: SentAlert[] = [
      { volunteerId: 'v1', task: 'CPR', response: 'DECLINED' },
      { volunteerId: 'v2', task: 'CPR', response: 'PENDING' },
      { volunteerId: 'v3', task: 'CPR', response: 'PENDING' },
    ];
    expect(nextToAlert(input, sent)).toBeNull();
  });

  it('is no limit at 0, the default, as for policies stored before it existed', () => {
    expect(DEFAULT_DISPATCH_POLICY.maxEtaSeconds).toBe(0);
    const { maxEtaSeconds: _, ...older } = DEFAULT_DISPATCH_POLICY;
    expect(rankCandidates(mainMap.candidates, older as DispatchPolicy)).toHaveLength(5);
  });
});

describe('taskAtAcceptance: tasks given when volunteers accept (Hjerteløber, Region der Lebensretter)', () => {
  const input = { ...mainMap, policy: policy({ aedDetourTolerance: 1 }) };
  const hjertelober = ['FETCH_AED', 'FETCH_AED', 'FETCH_AED', 'FETCH_AED', 'CPR'] as const;

  it('sends the first acceptor for the AED with the shortest route, or to CPR when no AED passes the detour test', () => {
    // v1 (W100), tolerance 1 allows 200 m: via A1 = √(100²+150²) 180 + 150 = 330 m, via A2 = 224 + 200 = 424 m; both fail.
    expect(taskAtAcceptance(input, hjertelober, [], 'v1').task).toBe('CPR');
    // v2 (N300): via A1 = 150 + 150 = 300 m, straight on its way.
    const v2Task = taskAtAcceptance(input, hjertelober, [], 'v2');
    expect(v2Task).toMatchObject({ task: 'FETCH_AED', aedId: 'A1', distanceMeters: 300 });
  });

  it('gives the next acceptor another AED when the first is taken, and CPR after the list', () => {
    const sent: SentAlert[] = [{ volunteerId: 'v2', task: 'FETCH_AED', aedId: 'A1', response: 'ACCEPTED' }];
    // v3 (E400): via A2 = 200 + 200 = 400 m.
    expect(taskAtAcceptance(input, hjertelober, sent, 'v3')).toMatchObject({ task: 'FETCH_AED', aedId: 'A2' });
    const lebensretter = ['CPR', 'CPR', 'FETCH_AED'] as const;
    expect(taskAtAcceptance(input, lebensretter, [], 'v3').task).toBe('CPR');
    const two: SentAlert[] = [
      { volunteerId: 'v1', task: 'CPR', response: 'ACCEPTED' },
      { volunteerId: 'v5', task: 'CPR', response: 'ACCEPTED' },
    ];
    expect(taskAtAcceptance(input, lebensretter, two, 'v3')).toMatchObject({ task: 'FETCH_AED', aedId: 'A2' });
    expect(taskAtAcceptance(input, [], two, 'v3').task).toBe('CPR');
  });
});
