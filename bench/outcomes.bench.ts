/**
 * Benchmark (not a test): a security region's outcome statistics over a
 * year, as its dispatchers or ADMIN would ask for the council's report:
 * the year's totals, the twelve months, the 168 hours of the week and the
 * alert burden, through the gateway, one request at a time after a warm-up.
 * Then the same as CSV (`/exports/outcomes.csv?by=hourOfWeek`). Prints how
 * the generated year compares with the published figures (about a third of
 * alerted volunteers accept; a volunteer first in 42% of alerts).
 *
 * Target (issue 19): ≤ 500 ms.
 */
import pg from 'pg';
import { mintBearerToken, Role, type BearerOptions } from '../common/auth.ts';
import { addDays } from '../common/zoned-time.ts';
import { bearer, postGraphQL } from './http.ts';
import { summarise, type BenchResult } from './stats.ts';

const FIGURES = `incidentsReported { value } incidentsExcluded { value } incidentsCancelled { value }
  volunteersAlerted { value } volunteersAccepted { value } acceptanceRate { value }
  timeToFirstAcceptance { medianSeconds p90Seconds } timeToFirstVolunteerOnScene { medianSeconds p90Seconds } timeToFirstAedOnScene { medianSeconds p90Seconds }
  volunteerBeforeAmbulanceWithinSixMinutes { value incidents } aedBeforeAmbulanceWithinSixMinutes { value incidents }`;

/** What a council report asks for at once. */
export const REGION_YEAR = `query RegionYear($scope: OutcomeScopeInput!, $from: LocalDate!, $to: LocalDate!) {
  outcomeStatistics(scope: $scope, from: $from, to: $to) {
    days smallCellsWithheld
    total { ${FIGURES} }
    byMonth { month withheld ${FIGURES} }
    byHourOfWeek { hourOfWeek withheld incidentsReported { value } timeToFirstVolunteerOnScene { medianSeconds } }
    alertsPerVolunteer { volunteers alerts meanPerYear median p90 max }
  }
}`;

export interface OutcomesBenchTarget {
  gatewayUrl: string;
  databaseUrl: string;
  bearer: BearerOptions;
}

export interface OutcomesBenchOptions {
  regionId: string;
  requests: number;
  setup: string;
}

/** The first year of the kept history: from the earliest call. */
async function firstYear(databaseUrl: string): Promise<{ from: string; to: string }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ first: string }>(`select to_char(min(call_received_at) at time zone 'UTC', 'YYYY-MM-DD') as first from incidents.incident`);
    const from = rows[0]!.first;
    const today = new Date().toISOString().slice(0, 10);
    const to = addDays(from, 364) < today ? addDays(from, 364) : addDays(today, -1);
    return { from, to };
  } finally {
    await client.end();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/** Measures the region's year as GraphQL and as CSV; returns one row each. */
export async function benchOutcomes(target: OutcomesBenchTarget, options: OutcomesBenchOptions): Promise<BenchResult[]> {
  const period = await firstYear(target.databaseUrl);
  const token = await mintBearerToken(target.bearer, 'bench-admin', [{ role: Role.ADMIN }]);
  const variables = { scope: { kind: 'SECURITY_REGION', id: options.regionId }, ...period };
  const ask = () => postGraphQL(target.gatewayUrl, REGION_YEAR, variables, bearer(token));
  const csvUrl = `${target.gatewayUrl.replace(/\/graphql$/, '')}/exports/outcomes.csv?${new URLSearchParams({ kind: 'SECURITY_REGION', id: options.regionId, ...period, by: 'hourOfWeek' })}`;
  const download = async () => {
    const response = await fetch(csvUrl, { headers: bearer(token) });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${csvUrl} answered ${response.status}: ${text.slice(0, 200)}`);
    return text;
  };

  for (let warm = 0; warm < 3; warm++) await ask();
  const latencies: number[] = [];
  let answer: any;
  for (let index = 0; index < options.requests; index++) {
    const { ms, value } = await timed(ask);
    latencies.push(ms);
    answer = value;
  }
  const csvLatencies: number[] = [];
  let csvRows = 0;
  for (let index = 0; index < Math.max(5, Math.floor(options.requests / 3)); index++) {
    const { ms, value } = await timed(download);
    csvLatencies.push(ms);
    csvRows = value.trimEnd().split('\r\n').length - 1;
  }

  const { total, alertsPerVolunteer } = answer.outcomeStatistics;
  const round = (value: number | null, digits = 2) => (value === null ? 'null' : String(Math.round(value * 10 ** digits) / 10 ** digits));
  console.log(
    `${period.from} – ${period.to}: ${total.incidentsReported.value} incidents (${total.incidentsExcluded.value} excluded, ${total.incidentsCancelled.value} cancelled), ` +
      `${total.volunteersAlerted.value} alerts, acceptance ${round(total.acceptanceRate.value)} (published ≈ 0.35); ` +
      `first volunteer on scene median ${round(total.timeToFirstVolunteerOnScene.medianSeconds, 0)} s, AED ${round(total.timeToFirstAedOnScene.medianSeconds, 0)} s; ` +
      `volunteer within 6 min and before the ambulance ${round(total.volunteerBeforeAmbulanceWithinSixMinutes.value)} of ${total.volunteerBeforeAmbulanceWithinSixMinutes.incidents} ` +
      `(a volunteer first, any time: published 0.42), AED ${round(total.aedBeforeAmbulanceWithinSixMinutes.value)}; ` +
      `${alertsPerVolunteer.volunteers} volunteers alerted, ${round(alertsPerVolunteer.meanPerYear)} alerts a year each (max ${alertsPerVolunteer.max})`,
  );
  const extra = { period: `${period.from}..${period.to}`, incidents: total.incidentsReported.value, alerts: total.volunteersAlerted.value };
  return [
    {
      name: 'outcome statistics: a security region over a year (total, months, hours of the week, burden)',
      setup: options.setup,
      ...summarise(latencies),
      extra,
      target: '≤ 500 ms',
    },
    { name: '  as CSV by hour of the week (/exports/outcomes.csv)', setup: options.setup, ...summarise(csvLatencies), extra: { rows: csvRows } },
  ];
}
