/**
 * Runs the trials of many incidents under one policy and sums them up into
 * what a policy officer compares: how often CPR and an AED come in time,
 * how fast, how crowded, and what it costs the volunteers in alerts.
 */
import type { SimulationParameters } from './parameters.ts';
import type { SimulatedPolicy } from './policies.ts';
import type { Scene } from './scene.ts';
import { prepareScene, runTrial, type TrialOutcome } from './trial.ts';

/** Four and six minutes after the call: the goals of CPR and of the AED (HeartsafeLiving's six-minute goal). */
export const FOUR_MINUTES = 240;
export const SIX_MINUTES = 360;
/** More volunteers than this arriving was felt to be chaotic (6–8 with AEDs, sn.dk 2020). */
export const CROWDED_ABOVE = 5;
/** Times are counted by the second up to an hour; later ones in the last bin. */
const HISTOGRAM_SECONDS = 3600;

/** The trials' counts, summable across workers. */
export interface SimulationTally {
  incidents: number;
  trials: number;
  cprBeforeAmbulance: number;
  cprWithin4Minutes: number;
  cprWithin6Minutes: number;
  aedBeforeAmbulance: number;
  aedWithin6MinutesBeforeAmbulance: number;
  crowded: number;
  alertsSent: number;
  /** Trials by second of first CPR by a volunteer (only trials where one arrived). */
  firstCprHistogram: number[];
  firstAedHistogram: number[];
}

export function emptyTally(): SimulationTally {
  return {
    incidents: 0,
    trials: 0,
    cprBeforeAmbulance: 0,
    cprWithin4Minutes: 0,
    cprWithin6Minutes: 0,
    aedBeforeAmbulance: 0,
    aedWithin6MinutesBeforeAmbulance: 0,
    crowded: 0,
    alertsSent: 0,
    firstCprHistogram: new Array<number>(HISTOGRAM_SECONDS + 1).fill(0),
    firstAedHistogram: new Array<number>(HISTOGRAM_SECONDS + 1).fill(0),
  };
}

function count(tally: SimulationTally, outcome: TrialOutcome): void {
  tally.trials++;
  const { firstCprSeconds: cpr, firstAedSeconds: aed, ambulanceSeconds: ambulance } = outcome;
  if (cpr < ambulance) tally.cprBeforeAmbulance++;
  if (cpr <= FOUR_MINUTES) tally.cprWithin4Minutes++;
  if (cpr <= SIX_MINUTES) tally.cprWithin6Minutes++;
  if (aed < ambulance) tally.aedBeforeAmbulance++;
  if (aed <= SIX_MINUTES && aed < ambulance) tally.aedWithin6MinutesBeforeAmbulance++;
  if (outcome.arrivedBeforeAmbulance > CROWDED_ABOVE) tally.crowded++;
  tally.alertsSent += outcome.alertsSent;
  if (Number.isFinite(cpr)) tally.firstCprHistogram[Math.min(HISTOGRAM_SECONDS, Math.floor(cpr))]!++;
  if (Number.isFinite(aed)) tally.firstAedHistogram[Math.min(HISTOGRAM_SECONDS, Math.floor(aed))]!++;
}

/** Adds `more` into `into`. */
export function addTally(into: SimulationTally, more: SimulationTally): SimulationTally {
  for (const key of [
    'incidents',
    'trials',
    'cprBeforeAmbulance',
    'cprWithin4Minutes',
    'cprWithin6Minutes',
    'aedBeforeAmbulance',
    'aedWithin6MinutesBeforeAmbulance',
    'crowded',
    'alertsSent',
  ] as const) {
    into[key] += more[key];
  }
  more.firstCprHistogram.forEach((trials, second) => (into.firstCprHistogram[second]! += trials));
  more.firstAedHistogram.forEach((trials, second) => (into.firstAedHistogram[second]! += trials));
  return into;
}

/** How many trials per incident, and the seed: the same scenes, policy, parameters and seed give the same tally. */
export interface TrialSettings {
  trials: number;
  seed: number;
}

/** Runs every trial of `scenes` under `policy` in this thread (the workers call this on their share). */
export function simulateScenes(scenes: readonly Scene[], policy: SimulatedPolicy, parameters: SimulationParameters, settings: TrialSettings): SimulationTally {
  const tally = emptyTally();
  for (const scene of scenes) {
    const prepared = prepareScene(scene, policy, parameters, settings.seed);
    tally.incidents++;
    for (let trial = 0; trial < settings.trials; trial++) count(tally, runTrial(prepared, trial, parameters));
  }
  return tally;
}

/** Whom the alerts burden: the people the incidents come from and the volunteers who share the alerts. */
export interface BurdenBase {
  population: number;
  volunteers: number;
}

/** What a policy achieves, per incident; probabilities from 0 to 1, times in seconds after the 112 call. */
export interface SimulationReport {
  policy: string;
  incidents: number;
  trialsPerIncident: number;
  cprBeforeAmbulance: number;
  cprWithin4Minutes: number;
  cprWithin6Minutes: number;
  aedWithin6MinutesBeforeAmbulance: number;
  aedBeforeAmbulance: number;
  /** Median among the trials in which a volunteer arrived at all; null when none did. */
  medianSecondsToFirstCpr: number | null;
  medianSecondsToFirstAed: number | null;
  moreThanFiveArrive: number;
  alertsPerIncident: number;
  /** Alerts per incident × incidents a year (population × rate) ÷ volunteers; null without a population or volunteers. */
  alertsPerVolunteerPerYear: number | null;
}

function median(histogram: readonly number[]): number | null {
  const total = histogram.reduce((sum, trials) => sum + trials, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let second = 0; second < histogram.length; second++) {
    seen += histogram[second]!;
    if (seen * 2 >= total) return second;
  }
  return histogram.length - 1;
}

/** The report of a tally. */
export function reportOf(policy: SimulatedPolicy, tally: SimulationTally, parameters: SimulationParameters, burden?: BurdenBase): SimulationReport {
  const share = (trials: number) => (tally.trials === 0 ? 0 : trials / tally.trials);
  const alertsPerIncident = share(tally.alertsSent);
  const incidentsPerYear = burden ? (burden.population * parameters.incidentsPerYearPer100k) / 100_000 : 0;
  return {
    policy: policy.name,
    incidents: tally.incidents,
    trialsPerIncident: tally.incidents === 0 ? 0 : tally.trials / tally.incidents,
    cprBeforeAmbulance: share(tally.cprBeforeAmbulance),
    cprWithin4Minutes: share(tally.cprWithin4Minutes),
    cprWithin6Minutes: share(tally.cprWithin6Minutes),
    aedWithin6MinutesBeforeAmbulance: share(tally.aedWithin6MinutesBeforeAmbulance),
    aedBeforeAmbulance: share(tally.aedBeforeAmbulance),
    medianSecondsToFirstCpr: median(tally.firstCprHistogram),
    medianSecondsToFirstAed: median(tally.firstAedHistogram),
    moreThanFiveArrive: share(tally.crowded),
    alertsPerIncident,
    alertsPerVolunteerPerYear: burden && burden.volunteers > 0 && burden.population > 0 ? (alertsPerIncident * incidentsPerYear) / burden.volunteers : null,
  };
}
