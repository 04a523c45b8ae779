/**
 * The shortcuts of decideSixMinutes must give exactly what selectAlerts
 * plans. Random maps around a patient, crowded near the edges that matter
 * (routes of about six minutes, AEDs on the edge of their circle), under
 * several policies.
 */
import { describe, expect, it } from 'vitest';
import { resolveDispatchPolicy, type DispatchPolicy } from '../dispatch/dispatch-policy.ts';
import { distanceMeters, offsetMeters, type LatLon } from '../../../common/earth.ts';
import { rankCandidates, routeViaAedMeters, type AlertCandidate, type DispatchableAed } from '../dispatch/selection.ts';
import { seededRandom as random } from '../../../common/random.ts';
import { decideSixMinutes, outcomeOfPlan, type SixMinuteProblem } from './six-minute-decision.ts';

const POLICIES: DispatchPolicy[] = [
  resolveDispatchPolicy(),
  resolveDispatchPolicy({ enoughAcceptances: 1, maxFetchersPerAed: 2 }),
  resolveDispatchPolicy({ aedDetourTolerance: 0.3, aedShare: 0.34, maxAlerted: 10 }),
  resolveDispatchPolicy({ radiusMeters: 1500, aedSearchRadiusMeters: 800, speedMetersPerSecond: 3.1, detourFactor: 1.1 }),
];

const patient: LatLon = { lat: 51.5606, lon: 5.1923 };

/** A distance that often lands near a six-minute route (about 600–640 m at the default speed). */
function distance(next: () => number, maximum: number): number {
  return next() < 0.4 ? 560 + next() * 90 : next() * maximum;
}

function problem(next: () => number, policy: DispatchPolicy): SixMinuteProblem {
  const candidates: AlertCandidate[] = [];
  const volunteers = Math.floor(next() * 36);
  for (let index = 0; index < volunteers; index++) {
    const meters = distance(next, policy.radiusMeters * 1.05);
    const bearing = next() * 2 * Math.PI;
    const at = offsetMeters(patient, meters * Math.cos(bearing), meters * Math.sin(bearing));
    candidates.push({ volunteerId: `v${String(index).padStart(3, '0')}`, ...at, distanceMeters: distanceMeters(at, patient), positionKind: 'HOME' });
  }
  const alerted = rankCandidates(candidates, policy).slice(0, policy.maxAlerted);
  const aeds: DispatchableAed[] = [];
  const count = Math.floor(next() * 15);
  for (let index = 0; index < count; index++) {
    // Some exactly on the AED circle, some on a volunteer's way, the rest anywhere.
    const roll = next();
    let at: LatLon;
    if (roll < 0.1) {
      const bearing = next() * 2 * Math.PI;
      at = offsetMeters(patient, policy.aedSearchRadiusMeters * Math.cos(bearing), policy.aedSearchRadiusMeters * Math.sin(bearing));
    } else if (roll < 0.6 && alerted.length > 0) {
      const volunteer = alerted[Math.floor(next() * alerted.length)]!;
      const share = next();
      at = { lat: patient.lat + (volunteer.lat - patient.lat) * share + (next() - 0.5) * 2e-4, lon: patient.lon + (volunteer.lon - patient.lon) * share + (next() - 0.5) * 3e-4 };
    } else {
      const meters = next() * policy.aedSearchRadiusMeters * 1.1;
      const bearing = next() * 2 * Math.PI;
      at = offsetMeters(patient, meters * Math.cos(bearing), meters * Math.sin(bearing));
    }
    aeds.push({ aedId: `a${String(index).padStart(3, '0')}`, ...at });
  }
  const viaMeters = new Float64Array(alerted.length * aeds.length);
  alerted.forEach((candidate, i) =>
    aeds.forEach((aed, k) => {
      viaMeters[i * aeds.length + k] = routeViaAedMeters(patient, candidate, aed, policy) ?? Number.NaN;
    }),
  );
  return {
    patient,
    policy,
    alerted,
    aeds,
    aedDistances: aeds.map((aed) => distanceMeters(aed, patient)),
    viaMeters,
    limitSeconds: 360,
    minimumVolunteers: 1 + Math.floor(next() * 5),
  };
}

describe('the six-minute decision', () => {
  it('answers exactly what selectAlerts plans, and mostly without planning', () => {
    const next = random(20260607);
    let planned = 0;
    let volunteersCovered = 0;
    let aedCovered = 0;
    const cases = 6000;
    for (let index = 0; index < cases; index++) {
      const policy = POLICIES[index % POLICIES.length]!;
      const given = problem(next, policy);
      const decided = decideSixMinutes(given);
      const truth = outcomeOfPlan(given);
      expect({ volunteers: decided.volunteers, aed: decided.aed }, `case ${index}`).toEqual({ volunteers: truth.volunteers, aed: truth.aed });
      if (decided.planned) planned++;
      if (truth.volunteers) volunteersCovered++;
      if (truth.aed) aedCovered++;
    }
    // The maps must exercise both answers, and the shortcuts must carry most of the load.
    expect(volunteersCovered).toBeGreaterThan(cases / 5);
    expect(aedCovered).toBeGreaterThan(cases / 5);
    expect(planned).toBeLessThan(cases / 4);
  });

  it('sends nobody for an AED when nobody passes it on the way', () => {
    const policy = resolveDispatchPolicy({ enoughAcceptances: 1 });
    const near = offsetMeters(patient, 0, -300);
    const far = offsetMeters(patient, 0, -500);
    // The AED lies east, both volunteers west: no route via it passes the detour test.
    const aed = offsetMeters(patient, 0, 200);
    const alerted: AlertCandidate[] = [
      { volunteerId: 'v1', ...near, distanceMeters: distanceMeters(near, patient), positionKind: 'HOME' },
      { volunteerId: 'v2', ...far, distanceMeters: distanceMeters(far, patient), positionKind: 'HOME' },
    ];
    const outcome = decideSixMinutes({
      patient,
      policy,
      alerted,
      aeds: [{ aedId: 'a1', ...aed }],
      aedDistances: [200],
      viaMeters: [Number.NaN, Number.NaN],
      limitSeconds: 360,
      minimumVolunteers: 1,
    });
    expect(outcome).toEqual({ volunteers: true, aed: false, planned: false });
  });
});
