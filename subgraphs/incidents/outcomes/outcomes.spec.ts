import { describe, expect, it } from 'vitest';
import { IncidentExclusion } from '../incidents/incident.entity.ts';
import { breakdown, burdenOf, figuresOf, percentile, Withheld, type IncidentFacts } from './outcomes.ts';
import { checkKeptHistory, checkPeriod, monthsOf } from './period.ts';

const FULL = { withholdSmallCells: false };
const PUBLIC = { withholdSmallCells: true };

function incident(facts: Partial<IncidentFacts>): IncidentFacts {
  return {
    month: '2026-01',
    hourOfWeek: 0,
    exclusions: [],
    cancelled: false,
    alerted: 0,
    accepted: 0,
    declined: 0,
    stoodDown: 0,
    firstAcceptanceSeconds: null,
    firstVolunteerOnSceneSeconds: null,
    firstAedOnSceneSeconds: null,
    ambulanceArrivalSeconds: null,
    ...facts,
  };
}

/**
 * Nine incidents whose answers are worked out by hand below. Seconds count
 * from the 112 call; a: accepted, v: first volunteer on scene, e: first AED
 * on scene, amb: ambulance.
 */
const NINE: IncidentFacts[] = [
  // 1: a 60, v 240, e 300, amb 600: volunteer and AED within 6 min, before the ambulance.
  incident({
    hourOfWeek: 1,
    alerted: 10,
    accepted: 4,
    declined: 2,
    stoodDown: 4,
    firstAcceptanceSeconds: 60,
    firstVolunteerOnSceneSeconds: 240,
    firstAedOnSceneSeconds: 300,
    ambulanceArrivalSeconds: 600,
  }),
  // 2: v 400 is past six minutes; no AED.
  incident({ hourOfWeek: 2, alerted: 8, accepted: 2, declined: 1, stoodDown: 5, firstAcceptanceSeconds: 90, firstVolunteerOnSceneSeconds: 400, ambulanceArrivalSeconds: 500 }),
  // 3: v 300 before the ambulance at 320; the AED at 350 after it.
  incident({
    hourOfWeek: 3,
    alerted: 6,
    accepted: 2,
    declined: 1,
    stoodDown: 3,
    firstAcceptanceSeconds: 120,
    firstVolunteerOnSceneSeconds: 300,
    firstAedOnSceneSeconds: 350,
    ambulanceArrivalSeconds: 320,
  }),
  // 4: the ambulance's arrival was not recorded: out of the shares, in the times.
  incident({ hourOfWeek: 4, alerted: 5, accepted: 3, declined: 0, stoodDown: 2, firstAcceptanceSeconds: 30, firstVolunteerOnSceneSeconds: 200, firstAedOnSceneSeconds: 330 }),
  // 5: one accepted, nobody arrived.
  incident({ hourOfWeek: 5, alerted: 6, accepted: 1, declined: 2, stoodDown: 3, firstAcceptanceSeconds: 150, ambulanceArrivalSeconds: 700 }),
  // 6: cancelled: its volunteers count, its times do not.
  incident({ hourOfWeek: 6, cancelled: true, alerted: 4, accepted: 1, declined: 0, stoodDown: 4, firstAcceptanceSeconds: 45 }),
  incident({ month: '2026-02', hourOfWeek: 7, exclusions: [IncidentExclusion.TRAUMA] }),
  incident({ month: '2026-02', hourOfWeek: 8, exclusions: [IncidentExclusion.CHILD_UNDER_8, IncidentExclusion.UNSAFE_SCENE] }),
  // 9: everything within six minutes.
  incident({
    month: '2026-02',
    hourOfWeek: 9,
    alerted: 3,
    accepted: 2,
    declined: 0,
    stoodDown: 1,
    firstAcceptanceSeconds: 20,
    firstVolunteerOnSceneSeconds: 180,
    firstAedOnSceneSeconds: 250,
    ambulanceArrivalSeconds: 400,
  }),
];

describe('percentile', () => {
  it('interpolates between the nearest ranks, as percentile_cont', () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40], 0.9)).toBeCloseTo(37, 10); // position 2.7: 30 + 0.7 × 10
    expect(percentile([7], 0.9)).toBe(7);
  });
});

describe('figuresOf', () => {
  it('works out every figure of the nine incidents for the coordinators', () => {
    const figures = figuresOf(NINE, FULL);
    expect(figures.withheld).toBeNull();
    expect(figures.incidentsReported.value).toBe(9);
    expect(figures.incidentsExcluded.value).toBe(2);
    expect(figures.incidentsExcludedByReason.map(({ reason, count }) => [reason, count.value])).toEqual([
      ['CHILD_UNDER_8', 1],
      ['TRAUMA', 1],
      ['UNSAFE_SCENE', 1],
    ]);
    expect(figures.incidentsCancelled.value).toBe(1);
    // 10 + 8 + 6 + 5 + 6 + 4 + 3; accepted 4 + 2 + 2 + 3 + 1 + 1 + 2.
    expect(figures.volunteersAlerted.value).toBe(42);
    expect(figures.volunteersAccepted.value).toBe(15);
    expect(figures.volunteersDeclined.value).toBe(6);
    expect(figures.volunteersStoodDown.value).toBe(22);
    expect(figures.acceptanceRate).toEqual({ value: 15 / 42, incidents: 7, withheld: null });
    // Not the cancelled one's 45 s: 20, 30, 60, 90, 120, 150 → median (60 + 90) / 2, p90 at 4.5: 120 + 0.5 × 30.
    expect(figures.timeToFirstAcceptance).toEqual({ medianSeconds: 75, p90Seconds: 135, incidents: 6, withheld: null });
    // 180, 200, 240, 300, 400 → p90 at 3.6: 300 + 0.6 × 100.
    expect(figures.timeToFirstVolunteerOnScene.medianSeconds).toBe(240);
    expect(figures.timeToFirstVolunteerOnScene.p90Seconds).toBeCloseTo(360, 9);
    // 250, 300, 330, 350 → median 315, p90 at 2.7: 330 + 0.7 × 20.
    expect(figures.timeToFirstAedOnScene.medianSeconds).toBe(315);
    expect(figures.timeToFirstAedOnScene.p90Seconds).toBeCloseTo(344, 9);
    expect(figures.timeToFirstAedOnScene.incidents).toBe(4);
    // Ambulance recorded at 1, 2, 3, 5, 9; a volunteer first at 1, 3, 9; an AED first at 1, 9.
    expect(figures.volunteerBeforeAmbulanceWithinSixMinutes).toEqual({ value: 0.6, incidents: 5, withheld: null });
    expect(figures.aedBeforeAmbulanceWithinSixMinutes).toEqual({ value: 0.4, incidents: 5, withheld: null });
  });

  it('withholds, outside the coordinators, every figure over 1 to 4 incidents, and only those', () => {
    const figures = figuresOf(NINE, PUBLIC);
    expect(figures.incidentsReported.value).toBe(9);
    expect(figures.incidentsExcluded).toEqual({ value: null, withheld: Withheld.SMALL_CELL });
    expect(figures.incidentsExcludedByReason.every(({ count }) => count.value === null && count.withheld === Withheld.SMALL_CELL)).toBe(true);
    expect(figures.incidentsCancelled).toEqual({ value: null, withheld: Withheld.SMALL_CELL });
    expect(figures.volunteersAlerted.value).toBe(42);
    expect(figures.timeToFirstAcceptance.medianSeconds).toBe(75);
    expect(figures.timeToFirstVolunteerOnScene.medianSeconds).toBe(240);
    // Four AED arrivals: not zero, withheld.
    expect(figures.timeToFirstAedOnScene).toEqual({ medianSeconds: null, p90Seconds: null, incidents: null, withheld: Withheld.SMALL_CELL });
    expect(figures.volunteerBeforeAmbulanceWithinSixMinutes.value).toBe(0.6);
  });

  it('withholds a whole cell of fewer than five incidents', () => {
    const figures = figuresOf(NINE.slice(0, 4), PUBLIC);
    expect(figures.withheld).toBe(Withheld.SMALL_CELL);
    expect(figures.incidentsReported).toEqual({ value: null, withheld: Withheld.SMALL_CELL });
    expect(figures.volunteersAlerted.value).toBeNull();
    expect(figures.incidentsExcludedByReason).toEqual([]);
  });

  it('shows zero as zero and a figure of nothing as NO_DATA', () => {
    const figures = figuresOf([], PUBLIC);
    expect(figures.incidentsReported).toEqual({ value: 0, withheld: null });
    expect(figures.volunteersAlerted).toEqual({ value: 0, withheld: null });
    expect(figures.timeToFirstAcceptance.withheld).toBe(Withheld.NO_DATA);
    expect(figures.acceptanceRate.withheld).toBe(Withheld.NO_DATA);
  });

  it('counts arrival at exactly six minutes, and never one at the same second as the ambulance', () => {
    const atSix = Array.from({ length: 5 }, () => incident({ alerted: 1, accepted: 1, firstVolunteerOnSceneSeconds: 360, ambulanceArrivalSeconds: 361 }));
    expect(figuresOf(atSix, PUBLIC).volunteerBeforeAmbulanceWithinSixMinutes.value).toBe(1);
    const together = atSix.map((facts) => ({ ...facts, ambulanceArrivalSeconds: 360 }));
    expect(figuresOf(together, PUBLIC).volunteerBeforeAmbulanceWithinSixMinutes.value).toBe(0);
  });
});

describe('breakdown', () => {
  it('gives every month, and withholds the next smallest month with a lone small one', () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const full = breakdown(NINE, months, (facts) => facts.month, FULL);
    expect(full.map((cell) => cell.figures.incidentsReported.value)).toEqual([6, 3, 0]);
    const published = breakdown(NINE, months, (facts) => facts.month, PUBLIC);
    // February's 3 alone would be 9 − 6 − 0: January goes with it; the empty March stays.
    expect(published.map((cell) => cell.figures.withheld)).toEqual([Withheld.COMPLEMENTARY, Withheld.SMALL_CELL, null]);
    expect(published[2]!.figures.incidentsReported.value).toBe(0);
  });

  it('withholds nothing more when two or more cells are small', () => {
    const hours = Array.from({ length: 168 }, (_, hour) => hour);
    const published = breakdown(NINE, hours, (facts) => facts.hourOfWeek, PUBLIC);
    expect(published.filter((cell) => cell.figures.withheld === Withheld.SMALL_CELL)).toHaveLength(9);
    expect(published.filter((cell) => cell.figures.withheld === Withheld.COMPLEMENTARY)).toHaveLength(0);
  });
});

describe('burdenOf', () => {
  it('spreads the alerts over the volunteers alerted, per year', () => {
    // 30 volunteers alerted once, 6 twice: 42 alerts over a period of 90 days.
    const burden = burdenOf(
      [
        { alerts: 2, volunteers: 6 },
        { alerts: 1, volunteers: 30 },
      ],
      90,
      7,
      PUBLIC,
    );
    expect(burden.volunteers).toBe(36);
    expect(burden.alerts).toBe(42);
    expect(burden.meanPerYear).toBeCloseTo((42 / 36) * (365 / 90), 9);
    expect(burden.median).toBe(1);
    // Position 0.9 × 35 = 31.5 lies among the twos.
    expect(burden.p90).toBe(2);
    expect(burden.max).toBe(2);
    expect(burden.distribution).toEqual([
      { alerts: 1, volunteers: 30 },
      { alerts: 2, volunteers: 6 },
    ]);
  });

  it('is withheld over fewer than five incidents, and NO_DATA without alerts', () => {
    expect(burdenOf([{ alerts: 1, volunteers: 3 }], 30, 3, PUBLIC).withheld).toBe(Withheld.SMALL_CELL);
    expect(burdenOf([{ alerts: 1, volunteers: 3 }], 30, 3, FULL).volunteers).toBe(3);
    expect(burdenOf([], 30, 0, PUBLIC).withheld).toBe(Withheld.NO_DATA);
  });
});

describe('checkPeriod', () => {
  it('accepts a quarter and counts its days', () => {
    expect(checkPeriod('2026-01-01', '2026-03-31', '2026-12-06')).toEqual({ from: '2026-01-01', to: '2026-03-31', days: 90 });
  });

  it('refuses a reversed period, a period reaching past today and a date that is none', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as { extensions: { code: string; field: string } }).extensions;
      }
      return undefined;
    };
    expect(codeOf(() => checkPeriod('2026-03-31', '2026-01-01', '2026-12-06'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(codeOf(() => checkPeriod('2026-01-01', '2026-12-07', '2026-12-06'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(codeOf(() => checkPeriod('2026-02-30', '2026-03-01', '2026-12-06'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    expect(codeOf(() => checkKeptHistory(checkPeriod('2025-01-01', '2026-01-01', '2026-12-06'), '2025-06-01'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'from',
      keptSince: '2025-06-01',
    });
  });

  it('lists the months a period touches', () => {
    expect(monthsOf(checkPeriod('2025-11-15', '2026-02-01', '2026-12-06'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
