/**
 * The engine against the definition, hour by hour: for every cell and hour
 * of a random town, the candidates the search would return and the AEDs
 * open then go to `selectAlerts`, and its plan must give the engine's answer.
 */
import { describe, expect, it } from 'vitest';
import { HOURS_PER_WEEK, WEEK_MASK_WORDS, hasHour, weekMaskOf } from '../../../common/week.ts';
import { resolveDispatchPolicy, type DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { distanceMeters, offsetMeters, type LatLon } from '../../../common/earth.ts';
import { selectAlerts, type AlertCandidate, type DispatchableAed } from '../dispatch/selection.ts';
import { seededRandom as random } from '../../../common/random.ts';
import { CoverageEngine } from './coverage-engine.ts';
import { SIX_MINUTES_SECONDS, type CoverageProblem } from './coverage-problem.ts';

const centre: LatLon = { lat: 51.5606, lon: 5.1923 };

const PATTERNS = [
  weekMaskOf(() => true),
  // Quiet 23:00–07:00.
  weekMaskOf((hour) => hour % 24 >= 7 && hour % 24 < 23),
  // Office hours on weekdays.
  weekMaskOf((hour) => hour < 120 && hour % 24 >= 8 && hour % 24 < 18),
  // Evenings and weekends.
  weekMaskOf((hour) => hour >= 120 || hour % 24 >= 18),
];

function town(seed: number, policy: DispatchPolicy): CoverageProblem {
  const next = random(seed);
  const place = (spread: number) => offsetMeters(centre, (next() - 0.5) * spread, (next() - 0.5) * spread);
  const pick = () => PATTERNS[Math.floor(next() * PATTERNS.length)]!;
  const volunteers: { at: LatLon; key: number; hours: Uint32Array }[] = [];
  for (let key = 0; key < 70; key++) {
    volunteers.push({ at: place(3000), key, hours: pick() });
    // Half also work somewhere, at office hours.
    if (next() < 0.5) volunteers.push({ at: place(3000), key, hours: PATTERNS[2]! });
  }
  const aeds = Array.from({ length: 14 }, () => ({ at: place(2500), hours: pick() }));
  const cells = Array.from({ length: 40 }, () => place(2500));
  const hours = (items: { hours: Uint32Array }[]) => {
    const all = new Uint32Array(items.length * WEEK_MASK_WORDS);
    items.forEach((item, index) => all.set(item.hours, index * WEEK_MASK_WORDS));
    return all;
  };
  return {
    policy,
    minimumVolunteers: 2,
    limitSeconds: SIX_MINUTES_SECONDS,
    cells: { latitudes: Float64Array.from(cells, (cell) => cell.lat), longitudes: Float64Array.from(cells, (cell) => cell.lon) },
    volunteers: {
      latitudes: Float64Array.from(volunteers, (volunteer) => volunteer.at.lat),
      longitudes: Float64Array.from(volunteers, (volunteer) => volunteer.at.lon),
      keys: Int32Array.from(volunteers, (volunteer) => volunteer.key),
      hours: hours(volunteers),
    },
    aeds: {
      latitudes: Float64Array.from(aeds, (aed) => aed.at.lat),
      longitudes: Float64Array.from(aeds, (aed) => aed.at.lon),
      hours: hours(aeds),
    },
  };
}

/** Dispatch at a cell and hour as the definition has it: the search's candidates and the open AEDs, planned. */
function byDefinition(problem: CoverageProblem, cell: number, hour: number): { volunteers: boolean; aed: boolean } {
  const patient = { lat: problem.cells.latitudes[cell]!, lon: problem.cells.longitudes[cell]! };
  const nearest = new Map<number, AlertCandidate>();
  const { volunteers, aeds } = problem;
  for (let index = 0; index < volunteers.keys.length; index++) {
    if (!hasHour(volunteers.hours, hour, index * WEEK_MASK_WORDS)) continue;
    const at = { lat: volunteers.latitudes[index]!, lon: volunteers.longitudes[index]! };
    const distance = distanceMeters(at, patient);
    const key = volunteers.keys[index]!;
    if (distance > problem.policy.radiusMeters || (nearest.get(key)?.distanceMeters ?? Infinity) <= distance) continue;
    nearest.set(key, { volunteerId: `v${String(key).padStart(9, '0')}`, ...at, distanceMeters: distance, positionKind: 'HOME' });
  }
  const open: DispatchableAed[] = [];
  for (let index = 0; index < aeds.latitudes.length; index++) {
    if (hasHour(aeds.hours, hour, index * WEEK_MASK_WORDS)) open.push({ aedId: `a${String(index).padStart(9, '0')}`, lat: aeds.latitudes[index]!, lon: aeds.longitudes[index]! });
  }
  const plan = selectAlerts({ patient, candidates: [...nearest.values()], aeds: open, policy: problem.policy });
  return {
    volunteers: plan.alerts.filter((alert) => alert.etaSeconds <= problem.limitSeconds).length >= problem.minimumVolunteers,
    aed: plan.firstAedEtaSeconds !== null && plan.firstAedEtaSeconds <= problem.limitSeconds,
  };
}

describe('the coverage engine', () => {
  for (const [seed, policy] of [
    [1, resolveDispatchPolicy()],
    [2, resolveDispatchPolicy({ maxAlerted: 8, aedDetourTolerance: 0.25, maxFetchersPerAed: 2 })],
  ] as const) {
    it(`gives, for every cell and hour, what selectAlerts plans there (town ${seed})`, () => {
      const problem = town(seed, policy);
      const outcome = new CoverageEngine(problem).run();
      let volunteerHours = 0;
      let aedHours = 0;
      for (let cell = 0; cell < problem.cells.latitudes.length; cell++) {
        for (let hour = 0; hour < HOURS_PER_WEEK; hour++) {
          const engine = {
            volunteers: hasHour(outcome.volunteerHours, hour, cell * WEEK_MASK_WORDS),
            aed: hasHour(outcome.aedHours, hour, cell * WEEK_MASK_WORDS),
          };
          expect(engine, `cell ${cell}, hour ${hour}`).toEqual(byDefinition(problem, cell, hour));
          if (engine.volunteers) volunteerHours++;
          if (engine.aed) aedHours++;
        }
      }
      const total = problem.cells.latitudes.length * HOURS_PER_WEEK;
      // Neither answer may be trivially all or nothing on this map.
      expect(volunteerHours).toBeGreaterThan(total / 10);
      expect(volunteerHours).toBeLessThan(total);
      expect(aedHours).toBeGreaterThan(total / 20);
      expect(aedHours).toBeLessThan(total);
      expect(outcome.statistics.situations).toBeLessThan(total / 4);
    });
  }
});
