/**
 * What the alerts achieved over a period: the outcome figures a council is
 * given, worked out from one row of facts per incident (outcomes.sql.ts reads
 * them from the incidents' timelines). Knows nothing of GraphQL or SQL.
 *
 * Every figure is computed over a set of incidents, and says how many. When
 * figures are published outside the coordinators of the municipality
 * ({@link Disclosure.withholdSmallCells}), a figure over 1 to 4 incidents is
 * withheld (null, with the reason): a "2 incidents on Tuesday nights in
 * March, first volunteer after 94 s" is one family's evening. A cell (a month,
 * an hour of the week) of 1 to 4 incidents is withheld whole, and when a
 * breakdown withholds exactly one cell, the next smallest is withheld with it,
 * so the small one cannot be worked out from the total. Zero is shown as zero:
 * it describes nobody.
 */
import type { IncidentExclusion } from '../incidents/incident.entity.ts';

/** Figures over fewer incidents than this are withheld outside the coordinators. */
export const SMALL_CELL_INCIDENTS = 5;

/** The programme's goal: a volunteer, and an AED, with the patient within six minutes of the 112 call. */
export const SIX_MINUTES_SECONDS = 6 * 60;

/** Per-year figures are per this many days. */
export const DAYS_PER_YEAR = 365;

/** Why a figure is null. */
export enum Withheld {
  /** Computed over 1 to 4 incidents: withheld so that no incident can be recognised. */
  SMALL_CELL = 'SMALL_CELL',
  /** Withheld with a small cell of the same breakdown, which could otherwise be worked out from the total. */
  COMPLEMENTARY = 'COMPLEMENTARY',
  /** Nothing to compute it over (a median of no incidents). */
  NO_DATA = 'NO_DATA',
}

/** One incident's timeline, reduced to what the figures need. Seconds count from the 112 call. */
export interface IncidentFacts {
  /** The month of the call on the municipality's clock, `YYYY-MM`. */
  month: string;
  /** 0–167: Monday 00:00 is 0, on the municipality's clock (common/week.ts). */
  hourOfWeek: number;
  exclusions: readonly IncidentExclusion[];
  cancelled: boolean;
  /** Volunteers alerted for it (in a partner's scope: its members only). */
  alerted: number;
  /** Of those, who accepted (also those who later dropped out or were stood down). */
  accepted: number;
  declined: number;
  stoodDown: number;
  firstAcceptanceSeconds: number | null;
  firstVolunteerOnSceneSeconds: number | null;
  /** The first volunteer sent to fetch an AED who reached the patient: the AED is there. */
  firstAedOnSceneSeconds: number | null;
  /** Null when the dispatch centre did not record the ambulance's arrival. */
  ambulanceArrivalSeconds: number | null;
}

/** How the figures may be published to this caller. */
export interface Disclosure {
  withholdSmallCells: boolean;
}

export interface Count {
  value: number | null;
  withheld: Withheld | null;
}

export interface Duration {
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** The incidents it is computed over (those where it happened). */
  incidents: number | null;
  withheld: Withheld | null;
}

export interface Share {
  /** 0–1. */
  value: number | null;
  /** The incidents it is a share of. */
  incidents: number | null;
  withheld: Withheld | null;
}

export interface ExclusionCount {
  reason: IncidentExclusion;
  count: Count;
}

/** The figures of one cell: the whole period, a month or an hour of the week. */
export interface OutcomeFigures {
  /** Set when the whole cell is withheld (every figure is then null). */
  withheld: Withheld | null;
  incidentsReported: Count;
  incidentsExcluded: Count;
  /** One per reason that occurred; an incident may have several. */
  incidentsExcludedByReason: ExclusionCount[];
  incidentsCancelled: Count;
  volunteersAlerted: Count;
  volunteersAccepted: Count;
  volunteersDeclined: Count;
  volunteersStoodDown: Count;
  /** Accepted / alerted, over the incidents that alerted anyone. */
  acceptanceRate: Share;
  timeToFirstAcceptance: Duration;
  timeToFirstVolunteerOnScene: Duration;
  timeToFirstAedOnScene: Duration;
  /** Of the incidents volunteers were sent to with the ambulance's arrival recorded: a volunteer there within six minutes and before the ambulance. */
  volunteerBeforeAmbulanceWithinSixMinutes: Share;
  aedBeforeAmbulanceWithinSixMinutes: Share;
}

/**
 * The `p`-th quantile (0–1) of ascending `sorted` values, interpolating
 * between the two nearest ranks, as PostgreSQL's `percentile_cont`: the
 * median of 10, 20, 30, 40 is 25.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of nothing');
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

function small(incidents: number, disclosure: Disclosure): boolean {
  return disclosure.withholdSmallCells && incidents > 0 && incidents < SMALL_CELL_INCIDENTS;
}

/** `value` computed over `incidents` incidents; a count of nothing is 0. */
function count(value: number, incidents: number, disclosure: Disclosure): Count {
  return small(incidents, disclosure) ? { value: null, withheld: Withheld.SMALL_CELL } : { value, withheld: null };
}

function share(part: number, whole: number, incidents: number, disclosure: Disclosure): Share {
  if (incidents === 0 || whole === 0) return { value: null, incidents: 0, withheld: Withheld.NO_DATA };
  if (small(incidents, disclosure)) return { value: null, incidents: null, withheld: Withheld.SMALL_CELL };
  return { value: part / whole, incidents, withheld: null };
}

function duration(seconds: readonly (number | null)[], disclosure: Disclosure): Duration {
  const sorted = seconds.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (sorted.length === 0) return { medianSeconds: null, p90Seconds: null, incidents: 0, withheld: Withheld.NO_DATA };
  if (small(sorted.length, disclosure)) return { medianSeconds: null, p90Seconds: null, incidents: null, withheld: Withheld.SMALL_CELL };
  return { medianSeconds: percentile(sorted, 0.5), p90Seconds: percentile(sorted, 0.9), incidents: sorted.length, withheld: null };
}

/** Whether the first arrival counted was within six minutes of the call and before the recorded ambulance. */
function beforeAmbulance(arrivalSeconds: number | null, ambulanceSeconds: number): boolean {
  return arrivalSeconds !== null && arrivalSeconds <= SIX_MINUTES_SECONDS && arrivalSeconds < ambulanceSeconds;
}

const sum = (incidents: readonly IncidentFacts[], of: (incident: IncidentFacts) => number) => incidents.reduce((total, incident) => total + of(incident), 0);

/** Every figure of one cell over `incidents`. */
export function figuresOf(incidents: readonly IncidentFacts[], disclosure: Disclosure): OutcomeFigures {
  if (small(incidents.length, disclosure)) return withheldFigures(Withheld.SMALL_CELL);
  const excluded = incidents.filter((incident) => incident.exclusions.length > 0);
  const reasons = [...new Set(excluded.flatMap((incident) => incident.exclusions))].sort();
  const cancelled = incidents.filter((incident) => incident.cancelled);
  const alerting = incidents.filter((incident) => incident.alerted > 0);
  // The incidents volunteers were meant to go to: not excluded, not called off.
  const responded = incidents.filter((incident) => incident.exclusions.length === 0 && !incident.cancelled);
  const withAmbulance = responded.filter((incident) => incident.ambulanceArrivalSeconds !== null);
  const alerted = sum(alerting, (incident) => incident.alerted);
  return {
    withheld: null,
    incidentsReported: count(incidents.length, incidents.length, disclosure),
    incidentsExcluded: count(excluded.length, excluded.length, disclosure),
    incidentsExcludedByReason: reasons.map((reason) => {
      const n = excluded.filter((incident) => incident.exclusions.includes(reason)).length;
      return { reason, count: count(n, n, disclosure) };
    }),
    incidentsCancelled: count(cancelled.length, cancelled.length, disclosure),
    volunteersAlerted: count(alerted, alerting.length, disclosure),
    volunteersAccepted: count(
      sum(alerting, (incident) => incident.accepted),
      alerting.length,
      disclosure,
    ),
    volunteersDeclined: count(
      sum(alerting, (incident) => incident.declined),
      alerting.length,
      disclosure,
    ),
    volunteersStoodDown: count(
      sum(alerting, (incident) => incident.stoodDown),
      alerting.length,
      disclosure,
    ),
    acceptanceRate: share(
      sum(alerting, (incident) => incident.accepted),
      alerted,
      alerting.length,
      disclosure,
    ),
    timeToFirstAcceptance: duration(
      responded.map((incident) => incident.firstAcceptanceSeconds),
      disclosure,
    ),
    timeToFirstVolunteerOnScene: duration(
      responded.map((incident) => incident.firstVolunteerOnSceneSeconds),
      disclosure,
    ),
    timeToFirstAedOnScene: duration(
      responded.map((incident) => incident.firstAedOnSceneSeconds),
      disclosure,
    ),
    volunteerBeforeAmbulanceWithinSixMinutes: share(
      withAmbulance.filter((incident) => beforeAmbulance(incident.firstVolunteerOnSceneSeconds, incident.ambulanceArrivalSeconds!)).length,
      withAmbulance.length,
      withAmbulance.length,
      disclosure,
    ),
    aedBeforeAmbulanceWithinSixMinutes: share(
      withAmbulance.filter((incident) => beforeAmbulance(incident.firstAedOnSceneSeconds, incident.ambulanceArrivalSeconds!)).length,
      withAmbulance.length,
      withAmbulance.length,
      disclosure,
    ),
  };
}

/** A cell with every figure null for `reason`. */
export function withheldFigures(reason: Withheld): OutcomeFigures {
  const none: Count = { value: null, withheld: reason };
  const noShare: Share = { value: null, incidents: null, withheld: reason };
  const noDuration: Duration = { medianSeconds: null, p90Seconds: null, incidents: null, withheld: reason };
  return {
    withheld: reason,
    incidentsReported: none,
    incidentsExcluded: none,
    incidentsExcludedByReason: [],
    incidentsCancelled: none,
    volunteersAlerted: none,
    volunteersAccepted: none,
    volunteersDeclined: none,
    volunteersStoodDown: none,
    acceptanceRate: noShare,
    timeToFirstAcceptance: noDuration,
    timeToFirstVolunteerOnScene: noDuration,
    timeToFirstAedOnScene: noDuration,
    volunteerBeforeAmbulanceWithinSixMinutes: noShare,
    aedBeforeAmbulanceWithinSixMinutes: noShare,
  };
}

/** One cell of a breakdown: its key (a month `YYYY-MM`, or an hour of the week) and figures. */
export interface OutcomeCell<K> {
  key: K;
  figures: OutcomeFigures;
}

/**
 * The figures per key, for every key in `keys` (also those without
 * incidents), in that order. When exactly one cell is withheld as small, the
 * smallest cell still shown that has incidents is withheld with it: with the
 * total published, one missing cell is the total minus the others.
 */
export function breakdown<K>(incidents: readonly IncidentFacts[], keys: readonly K[], keyOf: (incident: IncidentFacts) => K, disclosure: Disclosure): OutcomeCell<K>[] {
  const groups = new Map<K, IncidentFacts[]>(keys.map((key) => [key, []]));
  for (const incident of incidents) groups.get(keyOf(incident))?.push(incident);
  const cells = keys.map((key) => ({ key, figures: figuresOf(groups.get(key)!, disclosure), size: groups.get(key)!.length }));
  const withheld = cells.filter((cell) => cell.figures.withheld === Withheld.SMALL_CELL);
  if (withheld.length === 1) {
    const partner = cells.filter((cell) => cell.figures.withheld === null && cell.size > 0).sort((a, b) => a.size - b.size)[0];
    if (partner) partner.figures = withheldFigures(Withheld.COMPLEMENTARY);
  }
  return cells.map(({ key, figures }) => ({ key, figures }));
}

/** How many volunteers were alerted how many times in the period (from SQL: one row per number of alerts). */
export interface BurdenRow {
  alerts: number;
  volunteers: number;
}

/** Alerts per volunteer: the burden, among volunteers alerted at least once in the period. No identities. */
export interface AlertBurden {
  withheld: Withheld | null;
  volunteers: number | null;
  alerts: number | null;
  /** Mean alerts per volunteer, scaled to a year ({@link DAYS_PER_YEAR} days). */
  meanPerYear: number | null;
  /** Alerts in the period per volunteer: median, 90th percentile, most. */
  median: number | null;
  p90: number | null;
  max: number | null;
  /** Volunteers by number of alerts in the period, fewest alerts first (so the over-alerted show at the end). */
  distribution: BurdenRow[];
}

/**
 * The burden from the per-count rows of the period, which is `periodDays`
 * long and had `alertingIncidents` incidents that alerted anyone.
 */
export function burdenOf(rows: readonly BurdenRow[], periodDays: number, alertingIncidents: number, disclosure: Disclosure): AlertBurden {
  const empty = (withheld: Withheld): AlertBurden => ({ withheld, volunteers: null, alerts: null, meanPerYear: null, median: null, p90: null, max: null, distribution: [] });
  const distribution = rows.filter((row) => row.volunteers > 0).sort((a, b) => a.alerts - b.alerts);
  if (small(alertingIncidents, disclosure)) return empty(Withheld.SMALL_CELL);
  if (distribution.length === 0) return { ...empty(Withheld.NO_DATA), volunteers: 0, alerts: 0 };
  const counts = distribution.flatMap((row) => Array<number>(row.volunteers).fill(row.alerts));
  const volunteers = counts.length;
  const alerts = counts.reduce((total, n) => total + n, 0);
  return {
    withheld: null,
    volunteers,
    alerts,
    meanPerYear: (alerts / volunteers) * (DAYS_PER_YEAR / periodDays),
    median: percentile(counts, 0.5),
    p90: percentile(counts, 0.9),
    max: counts[counts.length - 1]!,
    distribution,
  };
}
