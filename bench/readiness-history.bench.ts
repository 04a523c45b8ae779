/**
 * Benchmark (not a test): a municipality's readiness over a year through
 * the gateway, as a council's quarterly report asks for it: 365 dates with
 * every figure as columns, which the gateway fetches as one ReadinessHistory
 * entity from each of the volunteers, aeds and incidents subgraphs (each one
 * range scan of its readiness_day table), after the organization subgraph
 * checked the period.
 *
 * The year of daily snapshots is generated here, for every municipality of
 * the data set (so each table holds a year of the whole country, as it will
 * in production), with figures that drift from day to day.
 */
import pg from 'pg';
import { mintBearerToken, Role, type BearerOptions } from '../common/auth.ts';
import { addDays, localDateOf } from '../common/zoned-time.ts';
import { runClosedLoop } from './closed-loop.ts';
import { bearer, postGraphQL } from './http.ts';
import { summarise, type BenchResult } from './stats.ts';

/** Everything the history shows, from all three subgraphs. */
export const READINESS_HISTORY = `query ReadinessHistory($id: ID!, $from: LocalDate!, $to: LocalDate!) {
  municipality(id: $id) {
    readinessHistory(from: $from, to: $to) {
      dates
      volunteerCount alertableVolunteerCountByDay alertableVolunteerCountAtNight volunteersLapsingWithinThreeMonths
      aedCount dispatchableAedCountByDay dispatchableAedCountAtNight twentyFourSevenAedCount twentyFourSevenAedShare
      dayCoveredPopulationShare nightCoveredPopulationShare
    }
  }
}`;

export interface ReadinessHistoryTarget {
  gatewayUrl: string;
  databaseUrl: string;
  bearer: BearerOptions;
}

export interface ReadinessHistoryOptions {
  municipalities: { id: string; code: string }[];
  /** Dates of history per municipality, ending today (365: a year). */
  days: number;
  requests: number;
  setup: string;
}

/** Writes `days` dates of snapshots ending today for every municipality (rows already there are kept). */
async function generateSnapshots(databaseUrl: string, municipalityIds: string[], from: string, to: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Figures drift with the date and differ per municipality; hashtext gives both without a random generator.
    const days = `from unnest($1::uuid[]) m(id), generate_series($2::date, $3::date, interval '1 day') d(day), lateral (select abs(hashtext(m.id::text)) % 500 as base, (d.day::date - $2::date) as n) f`;
    const params = [municipalityIds, from, to];
    const volunteers = await client.query(
      `insert into volunteers.readiness_day (municipality_id, date, taken_at, volunteer_count, alertable_by_day, alertable_at_night, lapsing_within_three_months)
       select m.id, d.day::date, d.day + interval '10 minutes', f.base + 100 + f.n / 7, f.base + 60 + f.n / 9, f.base + 40 + f.n / 11, (f.base + f.n) % 17 ${days}
       on conflict do nothing`,
      params,
    );
    await client.query(
      `insert into aeds.readiness_day (municipality_id, date, taken_at, aed_count, dispatchable_by_day, dispatchable_at_night, twenty_four_seven_count)
       select m.id, d.day::date, d.day + interval '10 minutes', f.base / 5 + 20 + f.n / 30, f.base / 5 + 15 + f.n / 40, f.base / 10 + 5 + f.n / 50, f.base / 10 + 4 + f.n / 60 ${days}
       on conflict do nothing`,
      params,
    );
    await client.query(`insert into incidents.readiness_grid (id, resolution, cells, children) values ('bench', 8, '{}', ''::bytea) on conflict do nothing`);
    await client.query(
      `insert into incidents.readiness_day (municipality_id, date, taken_at, computed_resolution, minimum_volunteers, population, computed_cells,
         day_covered_share, night_covered_share, grid_id, cell_day_hours, cell_night_hours)
       select m.id, d.day::date, d.day + interval '10 minutes', 9, 3, 20000 + f.base * 100, 1000 + f.base,
         least(1, 0.4 + f.n / 2000.0 + f.base / 5000.0), least(1, 0.2 + f.n / 3000.0 + f.base / 5000.0), 'bench', ''::bytea, ''::bytea ${days}
       on conflict do nothing`,
      params,
    );
    await client.query('analyze volunteers.readiness_day; analyze aeds.readiness_day; analyze incidents.readiness_day');
    return volunteers.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** Generates the year of snapshots, then asks municipalities' histories one request at a time. */
export async function benchReadinessHistory(target: ReadinessHistoryTarget, options: ReadinessHistoryOptions): Promise<BenchResult[]> {
  const to = localDateOf(new Date(), 'Europe/Amsterdam');
  const from = addDays(to, -(options.days - 1));
  const generated = await generateSnapshots(
    target.databaseUrl,
    options.municipalities.map((municipality) => municipality.id),
    from,
    to,
  );
  const callers = await Promise.all(
    options.municipalities.map(async (municipality) => ({
      id: municipality.id,
      token: await mintBearerToken(target.bearer, `bench-${municipality.code}-policy-officer`, [{ role: Role.POLICY_OFFICER, scope: municipality.id }]),
    })),
  );
  const ask = async (index: number) => {
    const caller = callers[index % callers.length]!;
    const data = await postGraphQL(target.gatewayUrl, READINESS_HISTORY, { id: caller.id, from, to }, bearer(caller.token));
    const history = data.municipality?.readinessHistory;
    if (history?.dates.length !== options.days || history.volunteerCount[0] === null || history.dayCoveredPopulationShare[options.days - 1] === null) {
      throw new Error('a history without its figures');
    }
  };
  // Warm-up, not measured: query plans, JIT, connection pools, the gateway's access cache.
  await runClosedLoop({ requests: Math.min(50, callers.length), concurrency: 1, timeLimitMs: 60_000 }, ask);
  const result = await runClosedLoop({ requests: options.requests, concurrency: 1, timeLimitMs: 120_000 }, (index) => ask(index + 7));
  return [
    {
      name: `readiness history of one municipality over ${options.days} days, via the gateway, one at a time`,
      setup: `${options.setup}; ${options.municipalities.length} municipalities × ${options.days} days of snapshots (${generated} generated now)`,
      ...summarise(result.latencies),
      extra: { errors: result.errors, ...(result.firstError ? { firstError: result.firstError.slice(0, 120) } : {}) },
      target: '≤ 100 ms',
    },
  ];
}
