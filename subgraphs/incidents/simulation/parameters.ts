/**
 * What the dispatch simulator assumes happens after an alert, each figure a
 * named parameter with where it comes from (../shared/DOMAIN.md in the
 * project's notes; the sources are cited there). Figures the public sources
 * do not give are marked "assumption" with the reasoning, so a policy officer
 * can see what to change when better figures are known.
 *
 * Times are seconds after the 112 call, the clock of the six-minute goal.
 */

/** Where an incident happens, for the walking speed. */
export type Setting = 'URBAN' | 'RURAL';

/** Everything the trials assume. */
export interface SimulationParameters {
  /**
   * Probability that an alerted volunteer accepts and goes. 0.35: about 35%
   * of alerted responders accept (Kragh, Denmark 2017–22).
   */
  readonly acceptanceProbability: number;
  /**
   * Of those who do not accept, the share who decline explicitly (the others
   * never answer: missed alerts, "not nearby" 41%, "seen too late" 35%). Only
   * an explicit decline alerts the next volunteer. Assumption: half.
   */
  readonly explicitDeclineShare: number;
  /**
   * Seconds from the 112 call until the first alerts go out (call taking,
   * recognising the arrest, the dispatch). Assumption: 60 s; the generated
   * history uses 40–120 s.
   */
  readonly alertDelaySeconds: number;
  /**
   * Median seconds from an alert until the volunteer answers and sets off
   * (noticing the phone, reading, answering). Assumption: 60 s, log-normal
   * with {@link SimulationParameters.reactionSigma}; the SMS fallback after
   * 20 s (dispatch policy) is within it.
   */
  readonly reactionMedianSeconds: number;
  /** Spread of the reaction delay (log-normal sigma). Assumption: 0.5 (a quarter of volunteers take under 43 s, a quarter over 84 s). */
  readonly reactionSigma: number;
  /**
   * Median speed of a dispatched lay responder in m/s in towns and in the
   * countryside: 1.8 urban, 3.1 rural (Swedish GPS study, Resuscitation 2020;
   * overall median 2.3).
   */
  readonly speedMedianMetersPerSecond: Readonly<Record<Setting, number>>;
  /** Spread of speeds between volunteers (log-normal sigma). Assumption: 0.35 (walkers to cyclists and drivers). */
  readonly speedSigma: number;
  /**
   * Real route length ÷ straight-line distance. 1.3, as the dispatch
   * policy's ETA assumes (streets, stairs, fences); the simulator walks the
   * straight-line route of the plan times this factor.
   */
  readonly detourFactor: number;
  /**
   * Median seconds spent at the AED cabinet (finding it, entering the code
   * from the app, taking the AED out). Assumption: 60 s, log-normal with
   * {@link SimulationParameters.aedRetrievalSigma}.
   */
  readonly aedRetrievalMedianSeconds: number;
  readonly aedRetrievalSigma: number;
  /**
   * Median seconds from the call until the ambulance is at the patient, by
   * security region id; {@link SimulationParameters.ambulanceMedianSeconds}
   * for any region not listed.
   */
  readonly ambulanceMedianSecondsByRegion: Readonly<Record<string, number>>;
  /** 540 s: ambulances take 8–11 minutes on average (DOMAIN.md); median 9 minutes. */
  readonly ambulanceMedianSeconds: number;
  /** Spread of ambulance arrival (log-normal sigma). Assumption: 0.25 (half arrive between 7.6 and 10.7 min). */
  readonly ambulanceSigma: number;
  /**
   * Suspected cardiac arrests a volunteer network is alerted to, per 100,000
   * inhabitants per year: over 12,000 resuscitation calls a year in the
   * Netherlands (17.9 million inhabitants) gives 67. For the alert burden.
   */
  readonly incidentsPerYearPer100k: number;
  /**
   * Volunteers per km² within 1 km of the patient (those the candidate
   * search found) at or above which a place counts as urban for the speed.
   * Assumption: 10 (about 1.5% of people are volunteers, so about 700
   * inhabitants per km², near where Dutch statistics start calling a place
   * urban).
   */
  readonly urbanVolunteersPerKm2: number;
}

/** The figures of DOMAIN.md, and the stated assumptions where it has none. */
export const DEFAULT_SIMULATION_PARAMETERS: Readonly<SimulationParameters> = Object.freeze({
  acceptanceProbability: 0.35,
  explicitDeclineShare: 0.5,
  alertDelaySeconds: 60,
  reactionMedianSeconds: 60,
  reactionSigma: 0.5,
  speedMedianMetersPerSecond: Object.freeze({ URBAN: 1.8, RURAL: 3.1 }),
  speedSigma: 0.35,
  detourFactor: 1.3,
  aedRetrievalMedianSeconds: 60,
  aedRetrievalSigma: 0.4,
  ambulanceMedianSecondsByRegion: Object.freeze({}),
  ambulanceMedianSeconds: 540,
  ambulanceSigma: 0.25,
  incidentsPerYearPer100k: 67,
  urbanVolunteersPerKm2: 10,
});

/** The parameters with some changed (nested speeds merged). */
export function simulationParameters(overrides: Partial<SimulationParameters> = {}): SimulationParameters {
  return {
    ...DEFAULT_SIMULATION_PARAMETERS,
    ...overrides,
    speedMedianMetersPerSecond: { ...DEFAULT_SIMULATION_PARAMETERS.speedMedianMetersPerSecond, ...overrides.speedMedianMetersPerSecond },
  };
}
